# membership tests use identity first, then ==
class Eq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        print("  eq called", self.v, getattr(other, "v", other))
        return isinstance(other, Eq) and self.v == other.v
    __hash__ = None
a, b, c = Eq(1), Eq(2), Eq(1)
lst = [a, b]
print("a in lst:", a in lst)
print("c in lst:", c in lst)
print("Eq(3) in lst:", Eq(3) in lst)
print("count:", lst.count(c))
print("index:", lst.index(b))
nan = float("nan")
print(nan in [nan], nan in (nan,), [nan].count(nan), [nan].index(nan), float("nan") in [nan])
print(1 in [True], True in [1], 0 in [False, 1], "" in [[], None], None in [0, False, ""])
class AlwaysEq:
    def __eq__(self, other):
        return True
print(AlwaysEq() in [1], 5 in [AlwaysEq()], [1, 2].index(AlwaysEq()) if False else "skip", [AlwaysEq()].count(9))
print(lst.__contains__(a), (1, 2).__contains__(2), {1: 2}.__contains__(2))
try:
    print(Eq(1) in {Eq(1)})
except TypeError as e:
    print(type(e).__name__, e)
