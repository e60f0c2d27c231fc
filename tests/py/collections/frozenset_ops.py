# frozenset: immutable, hashable set
f = frozenset([3, 1, 2, 3])
print(f, len(f), 2 in f, frozenset(), frozenset("aa") == frozenset({"a"}), frozenset(range(3)))
g = f | {10}
print(sorted(g), type(g).__name__, type({10} | f).__name__, type(f & {1}).__name__, type({1} & f).__name__)
print(f.union([4]), f.intersection({1, 2}), f.difference([1]), f.symmetric_difference({3, 4}), f.copy() is f)
print(f.issubset({1, 2, 3, 4}), f.issuperset([1]), f.isdisjoint({7}), f == {1, 2, 3}, {1, 2, 3} == f)
d = {f: "frozen"}
print(d[frozenset({1, 2, 3})], hash(f) == hash(frozenset([1, 2, 3])), hash(frozenset()) == hash(frozenset([])))
for name in ["add", "remove", "discard", "update", "pop", "clear"]:
    print(name, hasattr(f, name))
try:
    f.add(1)
except AttributeError as e:
    print(type(e).__name__, e)
nested = frozenset([frozenset([1]), frozenset([2, 3])])
print(sorted(sorted(x) for x in nested), frozenset([1]) in nested)
s = {frozenset([1, 2])}
print(frozenset([2, 1]) in s, {1, 2} in s)
x = f
x |= {99}
print(sorted(x), f, x is f)
print(sorted(frozenset({5, -1, 3})), repr(frozenset({42})), str(frozenset()))
