# a[k] and a[k] = v on builtin types whose item methods are native (array,
# deque): the type's own method, a subclass's override added or removed
# after instances exist, and the builtin type's methods that cannot be set.
from array import array
from collections import deque


class A(array):
    pass


class D(deque):
    pass


a = A("d", [1.5, 2.5, 3.5])
d = D([10, 20, 30])
print(a[0], a[-1], d[1], d[-1])

# Overrides given to the subclasses after the instances were made.
A.__getitem__ = lambda self, k: ("A.get", k)
A.__setitem__ = lambda self, k, v: print("A.set", k, v)
D.__getitem__ = lambda self, k: ("D.get", k)
D.__setitem__ = lambda self, k, v: print("D.set", k, v)
print(a[0], d[5])
a[1] = 9.0
d[2] = "x"
print(a.tolist(), list(d))

# Removed again: the native methods answer once more.
del A.__getitem__, A.__setitem__, D.__getitem__, D.__setitem__
print(a[0], d[0])
a[0] = 7.25
d[0] = 11
print(a.tolist(), list(d))

# Exact instances beside them.
b = array("i", [4, 5, 6])
e = deque("abc")
for i in (0, -1, 2):
    print(b[i], e[i])
b[1] = -5
e[1] = "Z"
print(b.tolist(), list(e))
for bad in (3, -4):
    for obj in (b, e):
        try:
            obj[bad]
        except IndexError as exc:
            print(type(obj).__name__, "get", bad, exc)
        try:
            obj[bad] = 0
        except IndexError as exc:
            print(type(obj).__name__, "set", bad, exc)
for k in ("0", 1.0):
    for obj in (b, e):
        try:
            obj[k]
        except TypeError as exc:
            print(type(obj).__name__, "get", repr(k), exc)
        try:
            obj[k] = 1
        except TypeError as exc:
            print(type(obj).__name__, "set", repr(k), exc)

# The builtin types' own methods cannot be replaced.
for t in (array, deque):
    for name in ("__getitem__", "__setitem__"):
        try:
            setattr(t, name, lambda *args: None)
        except TypeError as exc:
            print(exc)
print(b[0], e[0])

# An item method that raises, reached through the subclass's override.
class Strict(array):
    def __getitem__(self, k):
        if k < 0:
            raise KeyError(k)
        return super().__getitem__(k) * 2


s = Strict("i", [1, 2, 3])
print(s[0], s[2])
try:
    s[-1]
except KeyError as exc:
    print("KeyError", exc)
