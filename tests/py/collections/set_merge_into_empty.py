# Merging a set into an empty one keeps CPython's iteration order: a
# module-level (shared) `set()` updated from a set, a local one, a copy of a
# frozenset, and a difference that copies its left operand; the sets hold
# keys whose probes wrap around the table, which a key-by-key re-add in slot
# order would misplace.
import random

r = random.Random(2024)
cases = []
for trial in range(300):
    n = r.randrange(0, 90)
    s = set(r.randrange(-300, 300) for _ in range(n))
    for _ in range(r.randrange(0, 30)):
        s.discard(r.randrange(-300, 300))
    for _ in range(r.randrange(0, 8)):
        s.add(r.randrange(-300, 300) * 13)
    cases.append(s)

digest = 0
for i, s in enumerate(cases):
    f = frozenset(s)
    t = set()
    t.update(s)
    u = set()
    u |= f
    got = [list(t), list(u), list(set(f)), list(f - {0, 1}), list(s.copy())]
    for g in got:
        digest = (digest * 1000003 + hash(tuple(g))) & 0xFFFFFFFF
    if i % 60 == 0:
        print(i, got[0][-6:], got[1][-6:], got[3][-6:])
print("digest", digest)


def local_merges():
    out = []
    for s in cases[::7]:
        t = set()
        t.update(s)
        v = set()
        v.update(frozenset(s))
        out.append((list(t) == list(s), list(v)[-3:]))
    return out


print(local_merges()[:10])

# A set emptied by discards keeps its dummies: the merge adds key by key.
e = set(range(40))
for k in range(40):
    e.discard(k)
e.update(cases[5])
print(list(e)[-8:])

# Wrong operands raise as in CPython.
try:
    set().update(5)
except TypeError as exc:
    print("TypeError:", exc)
