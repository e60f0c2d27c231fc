# gc.collect() called from everywhere Python code can run inside native
# calls (sort keys and comparisons, map/filter, dict hashing, repr, generators,
# callbacks of the gc itself); every structure must come out intact.
import gc


def build(n, tag):
    return [{"i": i, "tag": tag, "sq": [i * i, str(i)], "t": (i, tag + str(i))} for i in range(n)]


def check(data, n, tag):
    ok = len(data) == n
    for i, d in enumerate(data):
        ok = ok and d["i"] == i and d["tag"] == tag and d["sq"] == [i * i, str(i)]
        ok = ok and d["t"] == (i, tag + str(i))
    return ok


calls = [0]


def collect_every(k):
    calls[0] += 1
    if calls[0] % k == 0:
        gc.collect(calls[0] % 3)


# Loops that allocate and collect.
keep = []
for r in range(30):
    keep.append(build(20, "r%d" % r))
    junk = [[j] * 5 for j in range(50)]
    gc.collect(r % 3)
print(all(check(keep[r], 20, "r%d" % r) for r in range(30)))


# sorted(key=) and list.sort with comparisons that collect.
def key(d):
    collect_every(3)
    return (-d["i"], d["tag"])


data = build(40, "s")
out = sorted(data, key=key)
print([d["i"] for d in out[:5]], check(list(reversed(out)), 40, "s"))


class Cmp:
    def __init__(self, v):
        self.v = v
        self.payload = [v, str(v), {"v": v}]

    def __lt__(self, other):
        collect_every(5)
        return self.v < other.v

    def __eq__(self, other):
        collect_every(4)
        return isinstance(other, Cmp) and self.v == other.v

    def __hash__(self):
        collect_every(2)
        return hash(self.v)

    def __repr__(self):
        gc.collect(0)
        return "Cmp(%d)" % self.v


items = [Cmp((i * 37) % 50) for i in range(50)]
items.sort()
print([c.v for c in items[:6]], all(c.payload == [c.v, str(c.v), {"v": c.v}] for c in items))
print(max(items).v, min(items).v)

# dict and set operations that hash and compare through Python code.
d = {}
for c in items:
    d[c] = [c.v] * 3
print(len(d), all(d[Cmp(v)] == [v] * 3 for v in range(50)))
s = set(items)
print(len(s), Cmp(7) in s, Cmp(70) in s)
print(repr(items[:4]), str({0: items[0]}))


# map / filter / generators / comprehensions.
def double(x):
    collect_every(2)
    return [x, x * 2, "x%d" % x]


print(list(map(double, range(6)))[-1])
print(list(filter(lambda x: (collect_every(2), x % 3 == 0)[1], range(20))))


def gen(n):
    acc = []
    for i in range(n):
        acc.append({"i": i, "s": "v%d" % i})
        gc.collect(i % 3)
        yield acc[-1]
    yield acc


g = gen(10)
got = [next(g) for _ in range(10)]
rest = next(g)
print([x["i"] for x in got], rest == got, all(x["s"] == "v%d" % x["i"] for x in rest))
print(sum(len(str(gc.collect(0))) > 0 for _ in range(5)))
print([(lambda v: (gc.collect(v % 3), v * v)[1])(v) for v in range(8)])

# gc.callbacks: called with ("start"/"stop", info) around collect().
seen = []


def cb(phase, info):
    junk = [{"x": i} for i in range(20)]
    seen.append((phase, sorted(info), info["generation"], info["uncollectable"], type(info["collected"]).__name__))
    # A collection requested from a callback is skipped.
    seen.append(("nested", gc.collect()))


gc.callbacks.append(cb)
gc.collect(1)
gc.collect(0)
gc.callbacks.remove(cb)
for x in seen:
    print(x)
gc.collect()
print(len(seen))


# A callback that rebinds itself out of the list still runs this time.
def selfremove(phase, info):
    seen.append(phase)
    if selfremove in gc.callbacks:
        gc.callbacks.remove(selfremove)


gc.callbacks.append(selfremove)
gc.collect()
print(seen[-1:], gc.callbacks)
print(check(data, 40, "s"), all(check(keep[r], 20, "r%d" % r) for r in range(30)))
