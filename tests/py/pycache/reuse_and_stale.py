# The import system writes NAME.<cache_tag>.pyc under __pycache__, reuses it
# while the source's mtime and size match, and recompiles a stale one.
import importlib.util
import os
import sys
import tempfile

from _helpers import run, same_size_edit, write

TAG = sys.implementation.cache_tag
SRC = '''V = 1
def f(n):
    return [x * V for x in range(n)]
def gen():
    yield from (i for i in "ab")
class B:
    def m(self):
        return "B"
class K(B):
    def m(self):
        return "K" + super().m()
'''
PROBE = "import cmod; print(cmod.V, cmod.f(3), list(cmod.gen()), cmod.K().m())"

with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "cmod.py")
    write(src, SRC)
    pyc = importlib.util.cache_from_source(src)
    print("no cache before:", not os.path.exists(pyc))
    print("first import:", run(d, PROBE))
    print("cache written:", os.path.exists(pyc))
    print("name:", os.path.basename(pyc) == "cmod.%s.pyc" % TAG)
    print("in __pycache__:", os.path.basename(os.path.dirname(pyc)) == "__pycache__")
    print("__cached__:", run(d, "import cmod, importlib.util; print(cmod.__cached__ == importlib.util.cache_from_source(cmod.__file__))"))
    with open(pyc, "rb") as f:
        header = f.read(16)
    print("magic:", header[:4] == importlib.util.MAGIC_NUMBER)
    print("timestamp-based:", int.from_bytes(header[4:8], "little") == 0)
    st = os.stat(src)
    print("mtime field:", int.from_bytes(header[8:12], "little") == int(st.st_mtime) & 0xFFFFFFFF)
    print("size field:", int.from_bytes(header[12:16], "little") == st.st_size)

    # Same size, same mtime: the cached code runs (V is still 1).
    same_size_edit(src, "V = 1", "V = 2")
    print("cache reused:", run(d, PROBE))
    # A newer mtime makes the cache stale: recompiled, and rewritten.
    os.utime(src, (st.st_atime, st.st_mtime + 100))
    print("stale recompiled:", run(d, PROBE))
    with open(pyc, "rb") as f:
        header = f.read(16)
    print("rewritten:", int.from_bytes(header[8:12], "little") == (int(st.st_mtime) + 100) & 0xFFFFFFFF)
    # A different size with the same mtime is stale too.
    write(src, SRC.replace("V = 1", "V = 333"))
    os.utime(src, (st.st_atime, st.st_mtime + 100))
    print("size change recompiled:", run(d, PROBE))
    # A package's __init__ and a submodule get their own files.
    os.mkdir(os.path.join(d, "pkg"))
    write(os.path.join(d, "pkg", "__init__.py"), "A = 'init'\n")
    write(os.path.join(d, "pkg", "sub.py"), "B = 'sub'\n")
    print("package:", run(d, "import pkg.sub; print(pkg.A, pkg.sub.B)"))
    print("package files:", sorted(os.listdir(os.path.join(d, "pkg", "__pycache__"))) == ["__init__.%s.pyc" % TAG, "sub.%s.pyc" % TAG])
    print("package reused:", run(d, "import pkg.sub; print(pkg.A, pkg.sub.B)"))
    # A syntax error writes nothing.
    write(os.path.join(d, "broken.py"), "def (:\n")
    out, code, err = run(d, "import broken")
    print("syntax error:", code, err.split(":")[0])
    print("no file for it:", not os.path.exists(importlib.util.cache_from_source(os.path.join(d, "broken.py"))))
