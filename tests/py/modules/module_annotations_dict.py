# A module's __annotations__ is made (empty, kept in its dict) on first
# read; it can be replaced and deleted. A ModuleType subclass's own
# __dict__ class attribute is what `m.__dict__` gives, and dir() checks it.
import types

m = types.ModuleType("m")
print("__annotations__" in m.__dict__)
a = m.__annotations__
print(a, "__annotations__" in m.__dict__, m.__annotations__ is a)
m.__annotations__ = {"x": int}
print(m.__annotations__, m.__dict__["__annotations__"])
del m.__annotations__
print("__annotations__" in m.__dict__)
try:
    del m.__annotations__
except AttributeError as e:
    print("AttributeError", e)
print(m.__annotations__)
m.__dict__["__annotations__"] = "not a dict"
print(m.__annotations__)

src = "x: int = 1\ny: 'str'\n"
code = compile(src, "<mod>", "exec")
n = types.ModuleType("n")
exec(code, n.__dict__)
print(n.__annotations__)


class Odd(types.ModuleType):
    __dict__ = 8


o = Odd("odd")
print(o.__dict__)
try:
    dir(o)
except TypeError as e:
    print("TypeError", e)


class Fine(types.ModuleType):
    pass


f = Fine("fine")
f.x = 1
print(sorted(k for k in dir(f) if not k.startswith("__")), type(f.__dict__).__name__)
print(type(types.ModuleType.__dict__["__annotations__"]).__name__)
