# Sets and dicts keyed by instances of int subclasses (re's named constants,
# IntEnum members): found by identity, by an equal distinct instance, by the
# plain int of the same value, next to keys of other types with the same hash
# whose __eq__ runs Python code, and with classes that change __hash__/__eq__.
import enum


class N(int):
    def __repr__(self):
        return "N(%d)" % int(self)


class Color(enum.IntEnum):
    RED = 1
    GREEN = 2


class Collider:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        print("  Collider.__eq__", self.v, type(other).__name__)
        return isinstance(other, Collider) and other.v == self.v


a, b = N(1), N(2)
s = frozenset({a, b})
d = {a: "a", b: "b"}
for probe in (a, b, N(1), 1, 2, 3, Color.RED, Color.GREEN, N(7), True):
    print(repr(probe), probe in s, d.get(probe, "-"))

mixed = {Collider(1): "c1", a: "n1"}
print("lookup N(1):", mixed[a])
print("lookup fresh N(1):", mixed.get(N(1), "-"))
print("lookup Collider(1):", mixed.get(Collider(1), "-"))
print(Color.RED in {1: "x"}, {Color.GREEN: 5}[2], {2: 5}[Color.GREEN])


class Rehash(int):
    pass


r = Rehash(5)
st = {r}
print(r in st, 5 in st)
Rehash.__hash__ = lambda self: 99
print(r in st, hash(r))
del Rehash.__hash__
print(r in st, hash(r))


class Noeq(int):
    def __eq__(self, other):
        return False

    __hash__ = int.__hash__


z = Noeq(4)
print(z in {z}, z in {4}, 4 in {z}, z in [z])
