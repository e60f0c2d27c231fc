# FOR_ITER over each builtin iterator the loop steps inline (list, tuple,
# bytes, dict keys and values, a set's snapshot), on module-level (shared)
# and function-local containers, with holes left by deletions, and the
# errors a change of size raises.

SHARED = {"k%d" % i: i * i for i in range(12)}
for k in ("k1", "k4", "k5", "k11"):
    del SHARED[k]
SHARED_SET = {"s%d" % i for i in range(9)}


def walk(d, s):
    keys = [k for k in d]
    vals = [v for v in d.values()]
    items = [(k, v) for k, v in d.items()]
    total = 0
    for v in d.values():
        total += v
    print(keys)
    print(vals, total)
    print(items[:3], len(items))
    print(sorted(x for x in s), len(s))
    t = tuple(keys)
    out = []
    for x in t:
        out.append(x[-1])
    print("".join(out))
    b = bytes(range(250, 256))
    print([x for x in b])
    print([x for x in bytearray(b"ab")])
    for x in []:
        print("never")
    for x in ():
        print("never")
    for x in b"":
        print("never")
    for x in {}:
        print("never")


walk(SHARED, SHARED_SET)
local = {str(i): i for i in range(20)}
for i in range(0, 20, 3):
    del local[str(i)]
walk(local, set(range(5)))

# A dict whose keys were all deleted but one at the end.
d = {i: i for i in range(50)}
for i in range(49):
    del d[i]
print([k for k in d], [v for v in d.values()])

# Same size, different keys: CPython's iterator notices the keys changed.
d = {1: 1, 2: 2}
try:
    for k in d:
        del d[k]
        d[k + 10] = k
        print("step", k)
except RuntimeError as e:
    print("RuntimeError:", e)

d = {1: 1}
try:
    for k in d:
        d[k + 1] = 0
except RuntimeError as e:
    print("RuntimeError:", e)

s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print("RuntimeError:", e)

d = {"a": 1, "b": 2}
it = iter(d.values())
print(next(it))
d["c"] = 3
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)

# A list that grows while it is walked is walked to its new end.
l = [1, 2, 3]
seen = []
for x in l:
    seen.append(x)
    if x < 3:
        l.append(x + 10)
print(seen)

# An exhausted iterator stays exhausted after its source grows.
l = [1]
it = iter(l)
print(list(it))
l.append(2)
print(list(it))
