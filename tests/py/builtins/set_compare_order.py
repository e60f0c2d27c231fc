# Set comparisons and algebra: which comparisons run (sizes decide first,
# then one subset walk), results and orders of the results, errors raised by
# __eq__ part-way, frozensets mixed with sets.
log = []


class K:
    def __init__(self, v, h=None):
        self.v, self.h = v, (v if h is None else h)

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        log.append((self.v, getattr(other, "v", other)))
        if isinstance(other, K):
            if self.v == "boom" or other.v == "boom":
                raise ValueError("boom compared")
            return self.v == other.v
        return NotImplemented

    def __repr__(self):
        return "K(%r)" % (self.v,)


def show(label, f):
    del log[:]
    try:
        r = f()
    except Exception as e:
        r = "%s: %s" % (type(e).__name__, e)
    print(label, r, len(log))


a = {K(1, 7), K(2, 7), K(3, 7)}
b = {K(1, 7), K(2, 7), K(3, 7), K(4, 7)}
show("a <= b", lambda: a <= b)
show("a < b", lambda: a < b)
show("b < a", lambda: b < a)
show("b >= a", lambda: b >= a)
show("a == b", lambda: a == b)
show("a != b", lambda: a != b)
show("a == a copy", lambda: a == set(a))
show("b > a", lambda: b > a)
bad = {K("boom", 7), K(1, 9)}
show("bad <= b", lambda: bad <= b)
show("bad & b", lambda: sorted(x.v for x in (bad & {K(1, 7)})))

ints = set(range(0, 200, 7))
other = set(range(0, 200, 3))
print(sorted(ints & other), list(ints & other) == sorted(ints & other))
print(list(ints - other)[:10], len(ints - other))
print(list(ints ^ other)[:10], len(ints ^ other))
print(list(ints | other)[:10], len(ints | other))
fs = frozenset({64, 1, 128, 2, 256, 3, 8, 16, 9, 17})
print(list(fs), list(fs & {128, 256, 3, 17, 1000}), list(fs - {1, 2, 3}))
print(fs <= set(fs) | {5}, fs < fs, fs <= fs, set() < fs, fs > frozenset())
print(type(fs & {1}).__name__, type({1} & fs).__name__, type(fs | set()).__name__)
words = {"pear", "apple", "fig", "kiwi", "plum", "lime"}
print(sorted(words - {"fig"}), sorted(words & {"fig", "date"}), len(words ^ {"fig", "date"}))
try:
    {1} <= [1]
except TypeError as e:
    print("TypeError:", e)
try:
    {1} & [1]
except TypeError as e:
    print("TypeError:", e)
print({1, 2}.issubset([1, 2, 3]), {1, 2}.issuperset((1,)), {1}.isdisjoint(iter([2, 3])))
d = {x: None for x in range(10)}
print({1, 2} <= d.keys(), d.keys() & {3, 4, 99}, {(1, 2), (3, 4)} - {(1, 2)})
