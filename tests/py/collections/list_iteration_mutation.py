# mutating lists while iterating over them (deterministic behaviour)
a = [1, 2, 3, 4, 5, 6]
for x in a:
    if x % 2 == 0:
        a.remove(x)
print(a)
b = [1, 2, 3]
seen = []
for x in b:
    seen.append(x)
    if len(b) < 6:
        b.append(x * 10)
print(seen, b)
c = [1, 2, 3, 4]
for i, x in enumerate(c):
    c[i] = x * x
print(c)
d = [5, 6, 7]
out = []
for x in d[:]:
    d.insert(0, x)
    out.append(x)
print(out, d)
e = list(range(10))
for x in reversed(e):
    if x % 3 == 0:
        e.remove(x)
print(e)
it = iter([1, 2, 3])
lst = list(it)
print(lst, list(it))
f = [1, 2, 3]
it2 = iter(f)
print(next(it2))
f.clear()
print(list(it2))
g = [3, 1, 2]
it3 = iter(g)
next(it3)
g.sort()
print(list(it3))
