# mutating containers that comprehensions iterate over
d = {"a": 1, "b": 2}
try:
    [d.setdefault(k + "x", 0) for k in d]
except RuntimeError as e:
    print(type(e).__name__, e)
print(sorted(d))
lst = [1, 2, 3]
out = [lst.append(x) or x for x in lst if len(lst) < 6]
print(out, lst)
s = {1, 2}
try:
    {s.add(x + 10) for x in s}
except RuntimeError as e:
    print(type(e).__name__, e)
snapshot = [k for k in list(d) if d.pop(k) is not None]
print(snapshot, d)
source = [3, 1, 2]
g = (x * 2 for x in source)
source.append(4)
print(list(g))
source2 = [3, 1, 2]
g2 = (x for x in source2)
source2 = [100]
print(list(g2))
