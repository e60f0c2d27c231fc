# __slots__: inheritance, descriptors, errors and interaction with dicts.
class A:
    __slots__ = ("a",)
class B(A):
    __slots__ = ("b",)
class C(B):
    pass
b = B()
b.a, b.b = 1, 2
print(b.a, b.b, hasattr(b, "__dict__"))
c = C()
c.a, c.b, c.c = 1, 2, 3
print(c.a, c.b, c.c, c.__dict__)
print(type(A.__dict__["a"]).__name__, A.a.__class__.__name__)
try:
    A.a.__get__(5)
except TypeError as e:
    print("TypeError:", e)
try:
    B.b.__set__(A(), 1)
except TypeError as e:
    print("TypeError:", e)
class D:
    __slots__ = ["x", "y"]
    def __init__(self):
        self.x = 0
d = D()
print(d.x, getattr(d, "y", "unset"), hasattr(d, "y"))
d.y = 5
print(d.y)
del d.y
print(hasattr(d, "y"))
class E:
    __slots__ = ("__weakref__",)
e = E()
try:
    e.q = 1
except AttributeError as err:
    print("AttributeError:", err)
class F:
    __slots__ = iter(["m", "n"])
f = F()
f.m = 1
print(f.m, "m" in F.__dict__, "n" in F.__dict__)
try:
    class G(A, D):
        pass
except TypeError as err:
    print("TypeError:", err)
class H(A):
    __slots__ = ()
h = H()
h.a = 9
print(h.a, hasattr(h, "__dict__"))
try:
    h.z = 1
except AttributeError as err:
    print("AttributeError:", err)
