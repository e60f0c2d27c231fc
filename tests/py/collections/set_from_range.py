# set(range(...)) and frozenset(range(...)): the ints of ranges of every
# direction and step, their iteration order, then the order after discards,
# adds and pops, and intersections; ranges past the small ints, empty ones,
# and a set subclass.
import random

rng = random.Random(11)
for t in range(60):
    a = rng.randrange(-50, 50)
    n = rng.randrange(0, 120)
    st = rng.choice([1, 1, 2, 3, -1, -2, 7])
    r = range(a, a + n * st, st)
    s = set(r)
    assert len(s) == len(r) and all(x in s for x in r)
    print(len(s), list(s)[:12])
    for k in range(rng.randrange(0, 8)):
        x = rng.randrange(-60, 300)
        if k % 2:
            s.discard(x)
        else:
            s.add(x)
    print(list(s)[:12], sorted(s & set(range(0, 100, 3)))[:6])
print(list(frozenset(range(40)))[:10], frozenset(range(3)) == {0, 1, 2})
print(sorted(set(range(2**60 - 3, 2**60 + 3))))
print(set(range(0)), set(range(5, 0)), set(range(-1, 2)))


class S(set):
    pass


s = S(range(5))
print(type(s).__name__, sorted(s))
print(len(set(range(10**5)) & set(range(0, 10**5, 2))))
try:
    set(range(3), 4)
except TypeError as e:
    print("TypeError", e)
