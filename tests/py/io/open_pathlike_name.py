# open() passes a path-like file through os.fspath first: the file's name
# and an error's filename are the path's str or bytes (FileIO itself keeps
# the object it was given); numbers are descriptors, other objects fail.
import io
import os
import pathlib
import tempfile


class BytesPath:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return os.fsencode(self.p)


class Broken:
    def __fspath__(self):
        raise KeyError("no path")


with tempfile.TemporaryDirectory() as d:
    p = pathlib.Path(d) / "f.txt"
    with open(p, "w") as f:
        f.write("data")
        print(type(f.name).__name__, f.name == str(p), type(f.buffer.raw.name).__name__)
    with open(BytesPath(str(p)), "rb") as f:
        print(type(f.name).__name__, f.read())
    with io.FileIO(p) as raw:
        print(type(raw.name).__name__)
    missing = pathlib.Path(d) / "missing"
    for opener in (lambda: open(missing), lambda: open(missing, "rb"),
                   lambda: io.FileIO(missing), lambda: open(BytesPath(str(missing)))):
        try:
            opener()
        except FileNotFoundError as e:
            print(type(e.filename).__name__, e.strerror)
for bad in ([], 2.5, None, Broken()):
    try:
        open(bad)
    except (TypeError, KeyError) as e:
        print(type(e).__name__, e)
try:
    open(pathlib.Path("x"), 0)
except TypeError as e:
    print("TypeError", e)
fd = os.open(os.devnull, os.O_RDONLY)
with open(fd, "rb") as f:
    print("fd name is the int:", f.name == fd)
