# frozendict's keys/values/items views: len, iteration, membership,
# reversed, repr, set operations (keys and items, returning sets) and
# comparisons.
try:
    frozendict
except NameError:
    from _fdref import frozendict


def show(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


fd = frozendict(a=1, b=2, c=3)
k, v, it = fd.keys(), fd.values(), fd.items()
print(type(k).__name__, type(v).__name__, type(it).__name__)
print(k, v, it)
print(len(k), len(v), len(it), len(frozendict().keys()))
print(list(k), list(v), list(it), list(k) == list(k))
print(list(reversed(k)), list(reversed(v)), list(reversed(it)))
print("a" in k, "z" in k, 2 in v, 9 in v, ("b", 2) in it, ("b", 3) in it, "b" in it)
print(sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}), sorted(k ^ {"a", "z"}))
print(sorted({"a", "z"} & k), sorted({"z"} | k), sorted({"a", "z"} - k), sorted({"a", "z"} ^ k))
print(type(k & {"a"}).__name__, type(it | set()).__name__)
print(sorted(it & {("a", 1), ("a", 2)}), sorted(it - {("a", 1)}))
print(sorted(k & frozendict(b=0, c=0, d=0).keys()), sorted(k & {"c": 0}.keys()))
print(k == {"a", "b", "c"}, k == {"a"}, k != {"a"}, k == ["a", "b", "c"])
print(k <= {"a", "b", "c", "d"}, k < {"a", "b", "c"}, k >= {"a"}, k > {"a", "b", "c"})
print(it == {("a", 1), ("b", 2), ("c", 3)}, it == frozendict(c=3, b=2, a=1).items())
print(v == v, v == fd.values())
print(k.isdisjoint({"x", "y"}), k.isdisjoint(["a"]), it.isdisjoint({("a", 1)}))
show("k & 1", lambda: k & 1)
show("k < 1", lambda: k < 1)
show("hash(k)", lambda: hash(k))
show("hash(v)", lambda: hash(v))
print(k.mapping == fd, k.mapping["b"])

# Iterators: each view can be iterated again; one iterator once.
i = iter(it)
print(next(i), list(i), list(i))
i = iter(fd)
print(next(i), next(i), next(i))
show("next(exhausted)", lambda: next(i))
print(list(zip(fd, fd.values())))
