# An exception object raised many times collects a traceback entry per
# raise; like CPython, only the last 1000 entries are printed.
A = ValueError("shared")
def f():
    raise A
for i in range(5000):
    try:
        f()
    except ValueError:
        pass
def g(n):
    if n == 0:
        raise A
    g(n - 1)
g(50)
