# OSError.errno and OSError.strerror are writable fields: assigning them
# changes str(e) but not e.args (asyncio rewrites strerror of bind errors).

def show(e):
    print(type(e).__name__, repr(e.errno), repr(e.strerror), repr(str(e)), e.args)

e = OSError("bind failed")
show(e)
e.strerror = "Address in use"
show(e)
e.errno = 98
show(e)

e = OSError(2, "No such file", "data.bin")
e.strerror = "gone"
show(e)
e.errno = None
show(e)

e = FileExistsError(17, "exists", "a", None, "b")
show(e)
e.strerror = "both exist"
show(e)

e = OSError(1, 2, 3, 4, 5, 6)
show(e)

print(type(OSError.errno).__name__, type(OSError.strerror).__name__)
try:
    OSError.strerror.__get__(42)
except TypeError as x:
    print("TypeError:", x)

try:
    raise ConnectionRefusedError(111, "refused")
except OSError as x:
    x.strerror = x.strerror.upper()
    show(x)
