# object.__getattribute__ on a module skips its PEP 562 __getattr__ and names the
# type in its error; module.__getattribute__ (the module type's own) calls it.
import types, sys
m = types.ModuleType("m")
m.__getattr__ = lambda n: "dyn-" + n
m.x = 1
print(m.zz, getattr(m, "q", None), hasattr(m, "w"))
try:
    print(object.__getattribute__(m, "zz"))
except AttributeError as e:
    print("AE", e)
print(object.__getattribute__(m, "x"))
print(types.ModuleType.__getattribute__(m, "zz"))
print(types.ModuleType.__getattribute__ is object.__getattribute__)
try:
    types.ModuleType.__getattribute__(5, "x")
except TypeError as e:
    print("TE", e)
try:
    types.ModuleType.__getattribute__(m)
except TypeError as e:
    print("TE", e)
class M(types.ModuleType):
    def __getattribute__(self, n):
        if n == "special":
            return "S"
        return super().__getattribute__(n)
mm = M("mm")
mm.__getattr__ = lambda n: "lazy-" + n
print(mm.special, mm.other, mm.__name__)
class N(types.ModuleType):
    pass
n = N("n"); n.__getattr__ = lambda k: 7
print(n.a, object.__getattribute__(n, "__name__"))
try:
    object.__getattribute__(n, "a")
except AttributeError as e:
    print("AE", e)
