# Namespace packages (PEP 420), module specs and loaders, and an
# overridden builtins.__import__, on a tree made in a temporary folder.
import builtins
import os
import sys
import tempfile

root = tempfile.mkdtemp()


def write(rel, text=""):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def short(p):
    return str(p).replace(root, "<root>")


# Two portions of one namespace package, on two path entries.
write("a/nspkg/one.py", "X = 'one'\n")
write("b/nspkg/two.py", "X = 'two'\n")
# A namespace package inside a regular package, and one inside that.
write("a/regpkg/__init__.py", "")
write("a/regpkg/inner/deep/leaf.py", "Y = 'leaf'\n")
# A namespace portion first, a regular package later on the path: the
# regular package wins.
write("a/shadow/only_ns.py", "")
write("b/shadow/__init__.py", "KIND = 'regular'\n")
# A plain module, to look at its spec.
write("a/plainmod.py", "NAME = __name__\nSPEC_NAME = __spec__.name if __spec__ else None\n")

sys.path[:0] = [os.path.join(root, "a"), os.path.join(root, "b")]

import importlib
import importlib.machinery
import importlib.util

import nspkg.one
import nspkg.two

print(nspkg.one.X, nspkg.two.X)
print(getattr(nspkg, "__file__", "no __file__"))
print(sorted(short(p) for p in nspkg.__path__))
print(nspkg.__spec__.origin, nspkg.__spec__.name)
print(type(nspkg.__path__).__name__)
print(nspkg.__spec__.submodule_search_locations is nspkg.__path__)

import regpkg.inner.deep.leaf as leaf

print(leaf.Y, leaf.__name__)
import regpkg.inner

print([short(p) for p in regpkg.inner.__path__])
print(regpkg.inner.__spec__.loader is not None)

import shadow

print(shadow.KIND, short(shadow.__file__))

import plainmod

print(plainmod.NAME, plainmod.SPEC_NAME)
print(type(plainmod.__loader__).__name__)
print(isinstance(plainmod.__spec__, importlib.machinery.ModuleSpec))
print(short(plainmod.__spec__.origin), plainmod.__spec__.parent == "")
print(plainmod.__spec__.loader is plainmod.__loader__)
print(importlib.util.find_spec("plainmod") is plainmod.__spec__)

# A module imported before importlib got its spec too.
import json

print(json.__spec__.name, json.__spec__.submodule_search_locations is not None)

# A new portion appears later: the namespace path is recomputed.
write("c/nspkg/three.py", "X = 'three'\n")
sys.path.append(os.path.join(root, "c"))
import nspkg.three

print(nspkg.three.X, len(list(nspkg.__path__)))

# A missing submodule of a namespace package.
try:
    import nspkg.missing
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e.name)

# An import halted by None in sys.modules names the module.
sys.modules["blocked_mod"] = None
try:
    import blocked_mod
except ModuleNotFoundError as e:
    print(type(e).__name__, e.name, e)
del sys.modules["blocked_mod"]

# builtins.__import__ replaced: the import statement calls it.
seen = []
orig = builtins.__import__


def spy(name, globals=None, locals=None, fromlist=(), level=0):
    seen.append((name, fromlist, level))
    return orig(name, globals, locals, fromlist, level)


builtins.__import__ = spy
try:
    import os.path
    from json import dumps
finally:
    builtins.__import__ = orig
print(seen)

builtins.__import__ = lambda *a: 42
try:
    import anything_at_all

    print(anything_at_all)
finally:
    builtins.__import__ = orig

import shutil

shutil.rmtree(root)
