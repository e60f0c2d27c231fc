# Binary operators on instances of native types (Decimal, timedelta) take a
# per-thread shortcut to the type's own method; every case here must still
# call what CPython calls: subclasses, reflected methods, in-place methods,
# NotImplemented, mixed operands and classes changed after first use.
from decimal import Decimal
from datetime import timedelta, date


def show(label, f):
    try:
        r = f()
        print(label, type(r).__name__, r)
    except Exception as e:
        print(label, type(e).__name__, e)


a, b = Decimal("1.25"), Decimal("0.5")
for _ in range(3):  # the second and later rounds hit the cache
    show("add", lambda: a + b)
    show("sub", lambda: a - b)
    show("mul", lambda: a * b)
    show("truediv", lambda: a / b)
    show("floordiv", lambda: a // b)
    show("mod", lambda: a % b)
    show("pow", lambda: a ** 2)
    show("int right", lambda: a + 3)
    show("int left", lambda: 3 + a)
    show("bool", lambda: a + True)
    show("float", lambda: a + 1.5)
    show("str", lambda: a + "x")
    show("big int", lambda: a * 10**30)
    show("divzero", lambda: a / Decimal(0))

x = Decimal(7)
x += Decimal(3)
x *= 2
x -= Decimal("0.5")
print("inplace", x)


class Loud(Decimal):
    def __add__(self, other):
        return "Loud.__add__"

    def __radd__(self, other):
        return "Loud.__radd__"


l = Loud("2")
for _ in range(2):
    show("sub add", lambda: l + a)
    show("sub radd", lambda: a + l)
    show("sub mul", lambda: l * a)
    show("sub int", lambda: l + 1)


class Plain(Decimal):
    pass


p = Plain("3")
for _ in range(2):
    show("plain", lambda: p + p)
    show("plain mixed", lambda: p + a)


class Later(Decimal):
    pass


q = Later("4")
show("later before", lambda: q + q)
show("later before", lambda: q * 2)
Later.__add__ = lambda self, other: "patched add"
Later.__imul__ = lambda self, other: "patched imul"
show("later after", lambda: q + q)
r = q
r *= 2
print("later imul", r)
del Later.__add__
show("later deleted", lambda: q + q)


class Vec:
    def __init__(self, n):
        self.n = n

    def __add__(self, other):
        return Vec(self.n + (other.n if isinstance(other, Vec) else other))

    def __repr__(self):
        return "Vec(%r)" % self.n


v = Vec(1)
for _ in range(2):
    show("py class", lambda: v + v)
    show("py class int", lambda: v + 5)
Vec.__add__ = lambda self, other: "replaced"
show("py class replaced", lambda: v + v)

d = timedelta(days=1, seconds=5)
for _ in range(2):
    show("td add", lambda: d + d)
    show("td mul", lambda: d * 3)
    show("td floordiv", lambda: d // 2)
    show("td truediv", lambda: d / d)
    show("td date", lambda: d + date(2026, 11, 27))
    show("td bad", lambda: d + 1)
