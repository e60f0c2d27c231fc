# Sets of ints iterate in CPython's order after any mix of operations:
# colliding keys (multiples of the table size), deletions and the dummies
# they leave, pops, the in-place operators, copies and the binary operators.
import random

rnd = random.Random(2024)


def step(s, span):
    x = rnd.randrange(span) * rnd.choice([1, 8, 32, 64])
    c = rnd.random()
    if c < 0.55:
        s.add(x)
    elif c < 0.8:
        s.discard(x)
    elif c < 0.86:
        if s:
            s.pop()
    elif c < 0.9:
        s |= {rnd.randrange(span) for _ in range(rnd.randrange(10))}
    elif c < 0.93:
        s &= set(range(0, min(span * 64, 3000), rnd.choice([1, 2, 3])))
    elif c < 0.96:
        s -= {rnd.randrange(span) * 8 for _ in range(5)}
    else:
        s ^= {rnd.randrange(span) for _ in range(6)}


for trial in range(60):
    span = rnd.choice([8, 16, 40, 100, 1000])
    s = set()
    for _ in range(rnd.randrange(1, 120)):
        step(s, span)
    t = {rnd.randrange(span) * rnd.choice([1, 8]) for _ in range(rnd.randrange(25))}
    print(trial, list(s))
    print("  ops", list(s | t), list(s & t), list(s - t), list(s ^ t))
    print("  copies", list(s.copy()) == list(s), list(set(s)), list(frozenset(s)))
    u = set(t)
    u.update(s, dict.fromkeys(list(t)[::-1]))
    print("  update", list(u))
    v = set(s)
    print("  pops", [v.pop() for _ in range(min(4, len(v)))], list(v))

# the literal and comprehension forms
print(list({1, 9, 17, 25}), list({x * 8 for x in range(12)}), list({-1, -2, -3, 2**40}))
a = set(range(40))
a -= set(range(0, 40, 2))
print(list(a))
b = set(range(10))
b.difference_update(set(range(1000)))
print(list(b))
c = set(range(50))
c.intersection_update(range(10, 30), range(20, 60))
print(list(c))
d = set(range(9))
d -= d
e = set(range(9))
e ^= e
print(d, e)
f = set()
f.update(range(100, 0, -7), [64, 128, 192])
print(list(f))
