# Passing a keyword-only argument positionally, uncaught.
def connect(host, port=80, *, timeout, retries=3):
    return f"{host}:{port} timeout={timeout} retries={retries}"

print(connect("example", timeout=5))
print(connect("example", 8080, timeout=1, retries=0))
print(connect("example", 8080, 10))
