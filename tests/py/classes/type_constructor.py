# type(name, bases, dict) and type(obj).
print(type(1), type("s"), type(None), type(type))
print(type(int) is type, type(object))

def init(self, v):
    self.v = v
Point = type("Point", (), {"__init__": init, "dims": 2, "show": lambda self: f"P({self.v})"})
p = Point(3)
print(p.show(), p.dims, Point.__name__, type(p).__name__)
print(Point.__bases__, Point.__qualname__, Point.__module__)

Sub = type("Sub", (Point,), {"dims": 3})
s = Sub(4)
print(s.show(), s.dims, isinstance(s, Point))
print([c.__name__ for c in Sub.__mro__])

Empty = type("Empty", (), {})
print(Empty.__name__, Empty.__bases__)
print(sorted(k for k in Empty.__dict__))

Weird = type("has spaces", (), {})
print(Weird.__name__)
print(repr(Weird))

for args in [(), (1, 2), ("X", 1, {}), ("X", (), []), (1, (), {}), ("X", (1,), {})]:
    try:
        type(*args)
    except TypeError as e:
        print("TypeError:", e)

Multi = type("Multi", (int, ), {"double": lambda self: self * 2})
print(Multi(21).double(), Multi(5) + 1, type(Multi(5) + 1).__name__)

class Meta(type):
    pass
M = Meta("M", (), {"x": 1})
print(type(M).__name__, M.x)

ns = {"a": 1}
T = type("T", (), ns)
ns["b"] = 2
print(hasattr(T, "a"), hasattr(T, "b"))

T.__name__ = "Renamed"
print(T.__name__, T.__qualname__)
try:
    T.__name__ = 5
except TypeError as e:
    print("TypeError:", e)

class Normal:
    x = 1
print(type(Normal) is type, type(Normal()) is Normal)
print(Normal().__class__ is Normal)

class A: pass
class B: pass
a = A()
a.__class__ = B
print(type(a).__name__, isinstance(a, B))
try:
    a.__class__ = int
except TypeError as e:
    print("TypeError:", e)
