# Cache files the importer cannot use (too short, wrong magic, another
# interpreter's, empty, a directory in the way) are ignored: the module is
# compiled from source, and a fresh file replaces a bad one.
import importlib.util
import os
import sys
import tempfile

from _helpers import run, write

PROBE = "import bmod; print(bmod.hello())"

def valid(pyc):
    with open(pyc, "rb") as f:
        return f.read(4) == importlib.util.MAGIC_NUMBER

with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "bmod.py")
    write(src, "def hello():\n    return 'hi from source'\n")
    pyc = importlib.util.cache_from_source(src)
    print("first:", run(d, PROBE))
    good = open(pyc, "rb").read()
    st = os.stat(src)
    mtime = (int(st.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little")
    size = st.st_size.to_bytes(4, "little")
    other_magic = (1234).to_bytes(2, "little") + b"\r\n"
    cases = {
        "empty": b"",
        "three bytes": good[:3],
        "header cut": good[:12],
        "wrong magic": other_magic + good[4:],
        "magic of 3.11": (3495).to_bytes(2, "little") + b"\r\n" + good[4:],
        "text file": b"this is not bytecode at all, just text\n",
        "unknown flags": good[:4] + (8).to_bytes(4, "little") + good[8:],
        "old mtime": good[:8] + (1).to_bytes(4, "little") + size + good[16:],
    }
    for name, data in cases.items():
        with open(pyc, "wb") as f:
            f.write(data)
        print(name + ":", run(d, PROBE), valid(pyc))
    # A directory where the cache file goes: nothing is written, no error.
    os.remove(pyc)
    os.mkdir(pyc)
    print("directory in the way:", run(d, PROBE), os.path.isdir(pyc))
    os.rmdir(pyc)
    # __pycache__ is a file: the cache is skipped silently.
    cache_dir = os.path.dirname(pyc)
    for n in os.listdir(cache_dir):
        os.remove(os.path.join(cache_dir, n))
    os.rmdir(cache_dir)
    write(cache_dir, "not a folder\n")
    print("__pycache__ is a file:", run(d, PROBE), os.path.isfile(cache_dir))
