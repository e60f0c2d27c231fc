# Comparisons of int/float/str subclass instances and of plain instances
# follow the class's methods, also after the class (or a base) changes.
import enum


class N(int):
    pass


a, b = N(1), N(2)
print(a == b, a != b, a < b, a <= b, a > b, a >= b)
print(N(5) == N(5), N(5) != N(5))
big1, big2 = N(10**30), N(10**30 + 1)
print(big1 < big2, big1 == big2, big1 == N(10**30))


def eq_always(self, other):
    return "custom-eq"


N.__eq__ = eq_always
print(a == b, N(3) == N(3))
del N.__eq__
print(a == b, N(3) == N(3))


class Base(int):
    pass


class Derived(Base):
    pass


x, y = Derived(7), Derived(9)
print(x < y, x == y)
Base.__lt__ = lambda self, other: "base-lt"
print(x < y, x > y)
del Base.__lt__
print(x < y)


class F(float):
    pass


print(F(1.5) < F(2.5), F(1.5) == F(1.5), F(float("nan")) == F(float("nan")))


class S(str):
    pass


print(S("abc") < S("abd"), S("x") == S("x"), S("b") >= S("c"))
S.__ge__ = lambda self, other: "s-ge"
print(S("b") >= S("c"))


class Color(enum.IntEnum):
    RED = 1
    GREEN = 2


print(Color.RED == Color.RED, Color.RED == Color.GREEN, Color.RED < Color.GREEN)
print(Color.GREEN == 2, 1 == Color.RED)


class Plain:
    pass


p, q = Plain(), Plain()
print(p == p, p == q, p != q)
Plain.__eq__ = lambda self, other: "plain-eq"
print(p == q, p != q)
del Plain.__eq__
print(p == q, p != q)
Plain.__ne__ = lambda self, other: "plain-ne"
print(p != q, p == q)


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


print(len(Sized(3)), len(Sized(0)), len(Sized(True)), len(Sized(N(4))))
for bad in (-1, 2**70, "3", 1.0):
    try:
        print(len(Sized(bad)))
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
