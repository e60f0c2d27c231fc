# Reading a module's attribute at one site again and again sees every
# change: a rebound or deleted global, a module-level __getattr__, a module
# whose class is swapped for a subclass with a property, and a property
# added to that subclass later.
import sys
import types

m = types.ModuleType("m")
m.x = 1
m.f = lambda: "f1"


def read_x():
    return m.x


def call_f():
    return m.f()


print([read_x() for _ in range(3)], [call_f() for _ in range(3)])
m.x = 2
m.f = lambda: "f2"
print(read_x(), call_f())

# Rebuild the module's dict table (many new names): the site misses and
# reads afresh.
for i in range(200):
    setattr(m, "name%d" % i, i)
print(read_x(), m.name199)

del m.x
try:
    read_x()
except AttributeError as e:
    print("AttributeError:", e)

m.__getattr__ = lambda name: "computed " + name
print(read_x())
m.x = 3
print(read_x())


class Sub(types.ModuleType):
    pass


m.__class__ = Sub
print(type(m).__name__, read_x())
Sub.x = property(lambda self: "property wins")
print(read_x())
del Sub.x
print(read_x())
m.__class__ = types.ModuleType
print(type(m).__name__, read_x())

# The same site reading different modules.
a = types.ModuleType("a")
b = types.ModuleType("b")
a.v, b.v = "from a", "from b"


def read_v(mod):
    return mod.v


print([read_v(mod) for mod in (a, b, a, b)])

# A real module's function through LOAD_METHOD, patched and restored.
import math

orig = math.sqrt


def root(x):
    return math.sqrt(x)


print(root(16.0))
math.sqrt = lambda x: "patched %r" % x
print(root(16.0))
math.sqrt = orig
print(root(16.0))
print(sys.modules["math"] is math)
