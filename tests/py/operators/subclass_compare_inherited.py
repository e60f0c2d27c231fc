# Comparisons of two instances of one int, float or str subclass: the base's
# comparison when the class keeps the base's method for the operator, the
# class's own method when it has one (for that operator only), NotImplemented
# from an override falling back as CPython does.
import enum
import operator

OPS = [operator.lt, operator.le, operator.eq, operator.ne, operator.gt, operator.ge]


class I(int):
    pass


class F(float):
    pass


class S(str):
    pass


class EqOnly(int):
    def __eq__(self, other):
        return "EqOnly.__eq__"

    __hash__ = int.__hash__


class LtNotImpl(int):
    def __lt__(self, other):
        return NotImplemented


class Inverted(str):
    def __lt__(self, other):
        return str.__gt__(self, other)


class Color(enum.IntEnum):
    RED = 1
    BLUE = 3


class Perm(enum.IntFlag):
    R = 4
    W = 2


class Big(int):
    pass


def row(name, a, b):
    print(name, [op(a, b) for op in OPS])


row("I", I(1), I(2))
row("I same", I(5), I(5))
row("I big", Big(1 << 80), Big((1 << 80) + 1))
row("I neg big", Big(-(1 << 70)), Big(3))
row("F", F(1.5), F(-2.0))
row("F nan", F(float("nan")), F(float("nan")))
row("S", S("abc"), S("abd"))
row("S unicode", S("é"), S("z"))
row("EqOnly", EqOnly(1), EqOnly(1))
row("LtNotImpl", LtNotImpl(1), LtNotImpl(2))
row("Inverted", Inverted("a"), Inverted("b"))
row("Color", Color.RED, Color.BLUE)
row("Perm", Perm.R, Perm.W)
row("mixed I F", I(2), F(2.0))
row("mixed I int", I(2), 3)

# A method added to the class later is used from then on.
a, b = I(1), I(2)
print(a < b)
I.__lt__ = lambda self, other: "patched"
print(a < b, a <= b)
del I.__lt__
print(a < b)

# A subclass of str keeps str's ordering by code point.
words = [S("pear"), S("apple"), S("Zebra"), S("äpfel")]
print(sorted(words))
print(max(Color), min(Color.BLUE, Color.RED))
