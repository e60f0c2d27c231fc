# A module's repr as importlib's _module_repr gives it: from its spec when
# it has one (origin with or without a location, a loader without origin,
# no loader; a frozen alias named by its own spec), else its loader's
# module_repr, else its __name__ ('?' without one) with __file__ or the
# loader; and the AttributeError of a missing attribute names the module by
# its __name__ (none when it has no str one). An uninitialized module has
# its type's docstring.
import sys
import types
from types import ModuleType, SimpleNamespace

import __hello_alias__
import __phello_alias__.spam
import json
import io

print(__hello_alias__)
print(__phello_alias__, __phello_alias__.spam)
print(repr(json).replace(json.__file__, "JSON_INIT"), io, sys)

def show(m):
    try:
        print(repr(m))
    except Exception as e:
        print(type(e).__name__, e)

m = ModuleType("q")
show(m)
m.__spec__ = SimpleNamespace(name="q'x", origin=None, loader=None)
show(m)
m.__spec__ = SimpleNamespace(name=None, origin=None, loader=None)
show(m)
m.__spec__ = SimpleNamespace(name="q", origin=None, loader="LOADER")
show(m)
m.__spec__ = SimpleNamespace(name=None, origin="here", has_location=False)
show(m)
m.__spec__ = SimpleNamespace(name="q", origin="/x/q.py", has_location=True)
show(m)
m.__spec__ = SimpleNamespace(name="q", origin="/x/q.py", has_location=0)
show(m)
m.__spec__ = SimpleNamespace(name="q", origin="here")
show(m)
m.__spec__ = SimpleNamespace(origin="here")
show(m)

class Falsy:
    def __bool__(self):
        return False
m.__spec__ = Falsy()
show(m)
m.__spec__ = None
show(m)

class Loader:
    def module_repr(self, mod):
        return "<custom %s>" % mod.__name__
class BadLoader:
    def module_repr(self, mod):
        raise ValueError("no")
    def __repr__(self):
        return "BadLoader()"
class PlainLoader:
    def __repr__(self):
        return "PlainLoader()"

m = ModuleType("w")
m.__loader__ = Loader()
show(m)
m.__loader__ = BadLoader()
show(m)
m.__loader__ = PlainLoader()
show(m)
m.__file__ = "/w.py"
show(m)
del m.__name__
show(m)
m.__loader__ = None
show(m)
del m.__file__
show(m)
m.__name__ = 5
show(m)
m.__file__ = "/five.py"
show(m)

show(sys.modules["__main__"].__class__)
print(sys.modules["__main__"].__spec__)

n = ModuleType("named")
for name_value in ["named", None, 7]:
    if name_value is None:
        del n.__name__
    else:
        n.__name__ = name_value
    try:
        n.missing
    except AttributeError as e:
        print("AttributeError:", e)

u = ModuleType.__new__(ModuleType)
print(u.__doc__ == ModuleType.__doc__, u.__dict__, repr(u))
try:
    u.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    u.__name__
except AttributeError as e:
    print("AttributeError:", e)
