# `&` and `-` of sets whose keys compare without Python code (ints, strs,
# tuples of those) against sets holding other keys, shared and local sets,
# and the result's kind and iteration order.


class Key:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return hash(self.v)

    def __eq__(self, other):
        print("eq", self.v)
        return isinstance(other, Key) and self.v == other.v

    def __repr__(self):
        return "Key(%r)" % self.v


def show(label, s):
    print(label, type(s).__name__, list(s))


def local():
    a = {1, 2, 3, 40, 41, 99}
    b = frozenset(range(0, 50, 3))
    show("a&b", a & b)
    show("b&a", b & a)
    show("a-b", a - b)
    show("b-a", b - a)
    show("empty", a & frozenset())
    show("none left", a - a)
    big = set(range(200))
    show("big-a", frozenset(a) - big)
    c = set(range(100, 180))
    show("c&big", c & big)
    print(list(c & big) == list(c))
    t = {("x", 1), ("y", 2), "s", 7}
    # str hashes vary from run to run: these are shown sorted
    print("t&", sorted(t & {("x", 1), "s", 8}, key=repr))
    print("t-", sorted(t - {("x", 1)}, key=repr))
    # a key that needs __eq__: the general walk, with its calls
    k = {Key(1), Key(2), 3}
    show("k&", k & {Key(1), 3})
    show("k-", k - {Key(2)})
    # equal ints and floats
    show("mix", {1, 2.0, 3} & {1.0, 2, 4})
    show("mix-", {1, 2.0, 3} - {1.0})


local()

G = {5, 6, 7, 8}
F = frozenset({6, 8, 10})
show("G&F", G & F)
show("F&G", F & G)
show("G-F", G - F)
show("F-G", F - G)


class MySet(set):
    pass


class MyFrozen(frozenset):
    pass


show("sub&", MySet({1, 2, 3}) & {2, 3, 4})
show("fsub-", MyFrozen({1, 2, 3}) - {2})
show("&fsub", {1, 2, 3} & MyFrozen({3}))
try:
    {1} & [1]
except TypeError as e:
    print("TypeError", e)
try:
    frozenset({1}) - {1: 2}
except TypeError as e:
    print("TypeError", e)
