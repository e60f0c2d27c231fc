# dict views: keys, values, items and their set operations
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it, len(k), len(v), len(it))
d["d"] = 4
print(k, v, it)
del d["a"]
print(list(k), list(v), list(it))
print(sorted(k & {"b", "z"}), sorted(k | {"z"}), sorted(k - {"b"}), sorted(k ^ {"b", "q"}), k == {"b", "c", "d"}, k <= {"b", "c", "d", "e"})
print(sorted(it & {("b", 2), ("c", 99)}), sorted(it - {("b", 2)}), ("c", 3) in it, ("c", 4) in it, it == {("b", 2), ("c", 3), ("d", 4)})
print(k.isdisjoint({"x"}), k.isdisjoint(["b"]), 2 in v, 99 in v)
print(list(reversed(k)), list(reversed(v)), list(reversed(it)))
print(v == v, d.values() == d.values(), d.keys() == d.keys())
try:
    v & {1}
except TypeError as e:
    print(type(e).__name__, e)
try:
    for key in d:
        d["new" + key] = 0
except RuntimeError as e:
    print(type(e).__name__, e)
print(sorted(d))
try:
    k[0]
except TypeError as e:
    print(type(e).__name__, e)
m = k.mapping if hasattr(k, "mapping") else None
print(type(k).__name__, type(v).__name__, type(it).__name__, m == d)
it2 = iter({"x": 1, "y": 2}.items())
print(next(it2), next(it2))
