# sorted() and list.sort() over inputs with natural runs (ascending,
# strictly and non-strictly descending, partly ordered), each key kind the
# sort treats apart (small ints, exact strs, anything else), stability with
# and without reverse, and errors from keys and comparisons.
import random

rng = random.Random(2024)


def check(name, data, **kw):
    got = sorted(data, **kw)
    lst = list(data)
    lst.sort(**kw)
    assert got == lst, name
    print(name, got[:8], got[-4:], len(got))


n = 300
asc = list(range(n))
check("ascending", asc)
check("descending", asc[::-1])
check("descending reverse", asc[::-1], reverse=True)
plateaus = [i // 7 for i in range(n)][::-1]
check("non-strict descending", plateaus)
part = sorted(rng.randrange(1000) for _ in range(n))
for i in range(0, n, 13):
    part[i] = rng.randrange(1000)
check("partly ordered", part)
saw = [(i % 50) for i in range(n)]
check("sawtooth", saw)
check("random ints", [rng.randrange(-10**6, 10**6) for _ in range(n)])
check("big ints", [rng.randrange(-10**30, 10**30) for _ in range(n)])
check("mixed numbers", [rng.choice([rng.random(), rng.randrange(100), 2**70, True]) for _ in range(n)])
words = ["".join(rng.choice("abcé\u4e2d\U0001F600") for _ in range(rng.randrange(0, 5))) for _ in range(n)]
check("strs", words)
check("strs descending", sorted(words, reverse=True))
check("surrogates", ["\ud800", "\uffff", "\U00010000", "z", "", "\ud7ff", "\ue000"])


class S(str):
    pass


check("str subclass", [S(w) for w in words[:40]])
check("tuples", [(rng.randrange(5), rng.choice("xyz")) for _ in range(n)])

# Stability: equal keys keep their order, also under reverse=True.
recs = [(rng.randrange(6), i) for i in range(n)]
by_key = sorted(recs, key=lambda r: r[0])
assert all(a[1] < b[1] for a, b in zip(by_key, by_key[1:]) if a[0] == b[0])
print("stable", by_key[:6])
rev = sorted(recs, key=lambda r: r[0], reverse=True)
assert all(a[1] < b[1] for a, b in zip(rev, rev[1:]) if a[0] == b[0])
print("stable reverse", rev[:6])
print("str keys", sorted(recs[:12], key=lambda r: "k%d" % r[0]))
print("reverse descending run", sorted([3, 2, 2, 1, 1, 0], reverse=True))

# Every item comes back once, whatever the input's shape.
for size in (0, 1, 2, 31, 32, 33, 64, 65, 127, 1000):
    for shape in range(4):
        d = [rng.randrange(size // 2 + 1) for _ in range(size)]
        if shape == 1:
            d.sort()
        elif shape == 2:
            d.sort(reverse=True)
        elif shape == 3:
            d = [x // 3 for x in sorted(d)] + d
        out = sorted(d)
        assert out == sorted(d, key=lambda x: x)
        assert all(a <= b for a, b in zip(out, out[1:]))
        assert sorted(map(str, out)) == sorted(map(str, d))
print("shapes ok")


class Boom:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        if self.v == 7 or other.v == 7:
            raise ValueError("cannot order 7")
        return self.v < other.v


try:
    sorted(Boom(v) for v in range(20))
except ValueError as e:
    print("ValueError", e)
try:
    sorted(Boom(v) for v in range(19, -1, -1))
except ValueError as e:
    print("ValueError", e)
try:
    sorted([1, "a", 2])
except TypeError as e:
    print("TypeError", e)
try:
    sorted(range(10), key=lambda x: 1 / (x - 5))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
keys_seen = []
try:
    sorted(range(10), key=lambda x: keys_seen.append(x) or 1 / (x - 5))
except ZeroDivisionError:
    print("keys computed before the error", keys_seen)
