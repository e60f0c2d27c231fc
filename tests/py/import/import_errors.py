# Errors of the import statement: `from m import *` with names that are
# not str, `from X import name` on objects standing in sys.modules,
# relative imports resolved from __package__ / __spec__.
import os
import sys
import tempfile
import types

root = tempfile.mkdtemp()
sys.path.insert(0, root)


def module(name, text):
    with open(os.path.join(root, name + ".py"), "w") as f:
        f.write(text)


module("bad_all", "__all__ = ['ok', b'invalid']\nok = 1\n")
module("bad_dict", "globals()[b'invalid'] = object()\nok = 2\n")
module("good_star", "__all__ = ['a']\na = 1\nb = 2\n_c = 3\n")
module("priv_star", "a = 1\n_b = 2\n")

for name in ["bad_all", "bad_dict"]:
    ns = {}
    try:
        exec(f"from {name} import *", ns)
    except TypeError as e:
        print("TypeError", e)
    print(sorted(k for k in ns if k != "__builtins__"))

for name in ["good_star", "priv_star"]:
    ns = {}
    exec(f"from {name} import *", ns)
    print(name, sorted(k for k in ns if k != "__builtins__"))


class NoName:
    def __getattr__(self, name):
        raise AttributeError(name)


sys.modules["stand_in"] = NoName()
try:
    from stand_in import something
except ImportError as e:
    print(type(e).__name__, e, e.name, e.path)
del sys.modules["stand_in"]

fake = types.ModuleType("fake_mod")
sys.modules["fake_mod"] = fake
try:
    from fake_mod import nothing
except ImportError as e:
    print(type(e).__name__, e, e.name)
del sys.modules["fake_mod"]


def rel(ns, stmt="from . import anything"):
    try:
        exec(stmt, ns)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("imported")


rel({"__package__": object()})
rel({"__package__": "", "__name__": "top"})
rel({"__name__": "plain"})
rel({"__package__": "no_such_pkg_here", "__name__": "x.y"})
rel({"__package__": "json", "__name__": "x.y"}, "from . import decoder")
spec = types.SimpleNamespace(parent="json")
rel({"__spec__": spec, "__name__": "x.y"}, "from . import encoder")
rel({"__package__": "json", "__name__": "json"}, "from .. import anything")

import shutil

shutil.rmtree(root)
