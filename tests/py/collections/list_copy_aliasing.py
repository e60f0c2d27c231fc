# aliasing, shallow copies and nested mutation
a = [1, [2, 3], {"k": [4]}]
b = a
c = a[:]
d = list(a)
e = a.copy()
f = [*a]
a[0] = 100
a[1].append("shared")
a[2]["k"].append("deep")
print(a)
print(b)
print(c)
print(d, e == d, f == c)
print(b is a, c is a, c[1] is a[1], e[2] is a[2])
def deep(x):
    if isinstance(x, list):
        return [deep(i) for i in x]
    if isinstance(x, dict):
        return {k: deep(v) for k, v in x.items()}
    return x
g = deep(a)
a[1].append("after")
print(g, a)
t = (a, a)
t[0].append("via tuple")
print(t[1][-1], len(a))
rows = [[0] * 2] * 3
rows[1][1] = "alias"
print(rows)
lst = [1, 2, 3]
def mutate(x):
    x.append(4)
    x = [0]
    x.append(5)
    return x
print(mutate(lst), lst)
dd = {"a": []}
dd2 = dict(dd)
dd2["a"].append(1)
dd2["b"] = 2
print(dd, dd2)
