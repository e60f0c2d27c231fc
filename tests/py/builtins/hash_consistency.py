# hash consistency rules: equal objects have equal hashes
print(hash(1) == hash(1.0) == hash(True) == hash(1 + 0j))
print(hash(0) == hash(0.0) == hash(-0.0) == hash(False) == hash(0j))
print(hash(2 ** 61 - 1) == hash(0), hash(2 ** 61) == hash(1), hash(-1) == hash(-2))
print(hash(1.5) == hash(3 / 2), hash(10 ** 20) == hash(1e20), hash(0.1) == hash(0.1))
print(hash((1, 2)) == hash((1.0, 2.0)), hash(frozenset([1, 2])) == hash(frozenset([2.0, 1.0])))
print(hash("abc") == hash("abc"), hash(b"abc") == hash(b"abc"), hash(None) == hash(None))
print(hash(float("inf")) == hash(float("inf")), hash(()) == hash(tuple()))
for v in [0, 1, -1, 42, 10 ** 6, True, 0.0, 1.0, 2.5, -2.5]:
    print(repr(v), hash(v))
class P:
    def __init__(self, x):
        self.x = x
    def __eq__(self, other):
        return isinstance(other, P) and self.x == other.x
    def __hash__(self):
        return hash(("P", self.x))
print(P(1) == P(1), hash(P(1)) == hash(P(1)), len({P(1), P(1), P(2)}), P(2) in {P(2)})
class Huge:
    def __hash__(self):
        return 2 ** 100
print(hash(Huge()) == hash(2 ** 100))
class BadHash:
    def __hash__(self):
        return "str"
try:
    hash(BadHash())
except TypeError as e:
    print(type(e).__name__, e)
d = {1: "a"}
d[1.0] = "b"
d[True] = "c"
print(d, len(d), list(d)[0], type(list(d)[0]).__name__)
