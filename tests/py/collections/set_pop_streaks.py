# set.pop: order of successive pops, pops mixed with other changes, and
# emptying a large set by pops (linear: each pop is not a rescan).

s = set(range(20))
print([s.pop() for _ in range(20)], s)

s = set(range(0, 200, 7))
first = [s.pop() for _ in range(5)]
print(first, len(s))

# Pops interleaved with other changes still return members and empty the set.
s = set(range(50))
seen = []
while s:
    x = s.pop()
    seen.append(x)
    if x % 10 == 3 and x < 1000:
        s.add(x + 1000)
    if x % 10 == 5:
        s.discard(x + 1)
print(len(seen), len(set(seen)), sorted(seen)[:5], sorted(seen)[-5:])

# Mixed key types.
s = {"a", 1, 2.5, (1, 2), None, frozenset()}
got = [s.pop() for _ in range(6)]
print(len(got), sorted(map(repr, got)))
try:
    s.pop()
except KeyError as e:
    print("KeyError", e)

# Two sets popped alternately.
a, b = set(range(10)), set(range(100, 110))
print([(a.pop(), b.pop()) for _ in range(10)], a, b)

# A set subclass.
class S(set):
    pass

t = S([5, 3, 9])
print(sorted([t.pop(), t.pop(), t.pop()]), t, type(t).__name__)

# A large set emptied by pops.
big = set(range(200000))
total = 0
while big:
    total += big.pop()
print(total)

# Pop after clear, and after the set grew past its first table.
c = {1, 2, 3}
c.clear()
try:
    c.pop()
except KeyError as e:
    print("KeyError", e)
c.update(range(100))
print(sorted(c.pop() for _ in range(100)) == list(range(100)))
