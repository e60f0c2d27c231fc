# Each program runs in a fresh interpreter, since what it checks is the
# import system's state before anything imported importlib: finders a
# program puts on sys.meta_path (first or last), a zip archive on sys.path
# with packages nested inside it, and a finder that a parent package
# installs while a dotted name under it is being imported (six.moves).
# Run with -S: the host CPython's site adds finders of its own.
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

tmp = tempfile.mkdtemp()
archive = os.path.join(tmp, "bundle.whl")
with zipfile.ZipFile(archive, "w") as z:
    z.writestr("zpkg/__init__.py", "from zpkg.inner import deep\nNAME = 'zpkg'\n")
    z.writestr("zpkg/inner/__init__.py", "")
    z.writestr("zpkg/inner/deep.py", "from . import leaf\nVALUE = leaf.X * 2\n")
    z.writestr("zpkg/inner/leaf.py", "X = 21\n")
    z.writestr("zmod.py", "import zpkg.inner.deep as d\nTOTAL = d.VALUE + 1\n")
    z.writestr("vendored/__init__.py", "")
    z.writestr("vendored/sixlike.py", """
import sys, types, importlib.util
__path__ = []
class _Importer:
    def __init__(self, base):
        self.base = base
    def find_spec(self, fullname, path, target=None):
        if fullname == self.base + ".moves":
            return importlib.util.spec_from_loader(fullname, self)
        return None
    def create_module(self, spec):
        m = types.ModuleType(spec.name)
        m.answer = 42
        return m
    def exec_module(self, module):
        pass
sys.meta_path.append(_Importer(__name__))
""")
    z.writestr("vendored/user.py", "from .sixlike.moves import answer\n")

programs = [
    # A finder put first answers for the names it knows; the rest are found
    # as before.
    """
import sys
class First:
    seen = []
    def find_spec(self, fullname, path, target=None):
        self.seen.append(fullname)
        return None
f = First()
sys.meta_path.insert(0, f)
import json, textwrap
print(json.dumps([1]), textwrap.dedent('  x'), 'json' in f.seen)
print([getattr(x, '__name__', type(x).__name__) for x in sys.meta_path])
""",
    # A finder put last sees only what the standard finders do not find.
    """
import sys
class Last:
    seen = []
    def find_spec(self, fullname, path, target=None):
        self.seen.append(fullname)
        return None
f = Last()
sys.meta_path.append(f)
import string
print(string.digits, f.seen)
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print(e, f.seen)
""",
    # The state is there to read, as at CPython's start-up.
    """
import sys
print('meta_path' in dir(sys), 'path_hooks' in vars(sys), len(sys.meta_path) >= 3)
print(type(sys.path_importer_cache).__name__, len(sys.path_hooks) >= 2)
""",
    # Threads reading the state first at once all get the same objects,
    # with the standard finders in them.
    """
import sys, threading
b = threading.Barrier(4)
seen = []
def first_read():
    b.wait()
    seen.append((id(sys.meta_path), id(sys.path_hooks), id(sys.path_importer_cache)))
ts = [threading.Thread(target=first_read) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(len(set(seen)), [getattr(f, '__name__', '?') for f in sys.meta_path])
""",
    # A zip archive on sys.path: packages and subpackages inside it.
    """
import sys
sys.path.insert(0, %r)
import zmod
import zpkg.inner.leaf
print(zmod.TOTAL, zpkg.NAME, zpkg.inner.deep.VALUE)
print(zpkg.inner.__path__[0].endswith('bundle.whl/zpkg/inner'), type(zpkg.__loader__).__name__)
""" % archive,
    # A finder a parent module installs while `vendored.sixlike.moves` is
    # being imported.
    """
import sys
sys.path.insert(0, %r)
import vendored.user
print(vendored.user.answer)
from vendored.sixlike.moves import answer
print(answer, sys.modules['vendored.sixlike.moves'].__name__)
""" % archive,
]
for src in programs:
    r = subprocess.run([sys.executable, "-S", "-c", src], capture_output=True, text=True)
    print(r.returncode, r.stdout.strip())
    if r.returncode:
        print(r.stderr.strip().splitlines()[-1:])
shutil.rmtree(tmp)
