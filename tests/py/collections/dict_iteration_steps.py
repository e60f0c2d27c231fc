# Iterating dicts by keys, values and items, in loops and by hand: order,
# deleted entries skipped, the errors of a dict changed while iterated, and
# iterators shared between a loop and next().

d = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5}
del d["b"]
d["f"] = 6
print([k for k in d], [v for v in d.values()], [(k, v) for k, v in d.items()])
total = 0
for k, v in d.items():
    total += v * len(k)
print(total)

# Values replaced during iteration are seen; the size stays.
for k in d:
    d[k] = d[k] * 10
print(d)
for k, v in d.items():
    if k == "a":
        d["e"] = -1
    last = (k, v)
print(last)

# A size change is an error at the next step, in every kind of loop.
for view in ("keys", "values", "items"):
    f = dict(d)
    try:
        for x in getattr(f, view)():
            f[len(f) * 100] = 0
    except RuntimeError as ex:
        print(view, type(ex).__name__, ex, len(f))
g = dict(d)
try:
    for k, v in g.items():
        del g[k]
except RuntimeError as ex:
    print(type(ex).__name__, ex)

# Same size, different keys: a key deleted before the position and another
# added is CPython's "keys changed" error; one deleted after it is not.
for view in ("keys", "items"):
    for gone in (1, 3):
        h = {1: 1, 2: 2, 3: 3}
        try:
            for x in getattr(h, view)():
                if x in (1, (1, 1)):
                    del h[gone]
                    h[4] = 0
        except RuntimeError as ex:
            print(view, gone, type(ex).__name__, ex)
        print(h)

# One iterator, advanced by next() and by loops.
it = iter({i: i * i for i in range(8)}.items())
print(next(it))
for k, v in it:
    if k == 4:
        break
print(next(it), list(it), list(it))
vals = iter({"x": 1, "y": 2, "z": 3}.values())
print(next(vals), [v for v in vals], next(vals, "done"))

# Unpacking into other targets than two locals.
pairs = {("p", 1): "one", ("q", 2): "two"}
for (name, n), word in pairs.items():
    print(name, n, word)
store = {}
for store["k"], store["v"] in {"m": 7}.items():
    pass
print(store)
try:
    for a, b, c in {"k": 1}.items():
        pass
except ValueError as ex:
    print(type(ex).__name__, ex)


# A dict subclass's items are its own.
class Loud(dict):
    def items(self):
        return [("loud", 1)]


for k, v in Loud(a=1).items():
    print(k, v)

# Module-level loop (names, not locals) and a dict emptied meanwhile.
for key, value in {"g1": 1, "g2": 2}.items():
    pass
print(key, value)
empty = {1: 1}
del empty[1]
print([kv for kv in empty.items()], list(empty))
