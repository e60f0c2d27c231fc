# iterating dicts in insertion order, modification rules
d = {"one": 1, "two": 2, "three": 3}
for k in d:
    print(k, d[k])
for k, v in d.items():
    print(f"{k}={v}", end=" ")
print()
for v in d.values():
    print(v * 10, end=" ")
print()
for i, (k, v) in enumerate(d.items()):
    print(i, k, v)
for k in d:
    d[k] = d[k] * 100
print(d)
for k in list(d):
    if d[k] > 150:
        del d[k]
print(d)
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print(type(e).__name__, e)
print(d)
e = {i: i * i for i in range(5)}
it = iter(e)
print(next(it), next(it))
e[2] = "replaced"
print(next(it), list(it))
keys_iter = iter(e.keys())
e.pop(0)
try:
    next(keys_iter)
except RuntimeError as err:
    print(type(err).__name__, err)
print(sorted(e.items(), key=lambda kv: str(kv[1])))
