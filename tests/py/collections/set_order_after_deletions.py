# A set's iteration order after deletions followed by insertions: a new key
# takes the last deleted slot its probe sequence passes before an empty one.

s = set(range(20))
for x in range(5):
    s.discard(x)
s.add(0)
print(list(s)[:4], len(s))

s = set(range(8))
s.remove(3)
s.add(8)
s.add(3)
print(list(s))

s = set(range(10))
for x in range(10):
    s.discard(x)
    s.add(x + 100)
print(list(s))

s = {1, 9, 17, 25}
s.discard(9)
s.add(33)
print(list(s))

s = set(range(30))
s -= set(range(0, 30, 2))
s |= {40, 41, 42, 2}
print(list(s))

s = set(range(30))
for x in range(0, 30, 2):
    s.discard(x)
s.add(2)
print(list(s))

# pops leave deleted slots too
s = set(range(100))
popped = [s.pop() for _ in range(30)]
s.update(range(200, 230))
print(popped[:5], list(s)[:12])
print([s.pop() for _ in range(10)])

# copies and frozensets of such a set iterate as it does
s = set(range(20))
s.remove(7)
s.add(27)
s.add(7)
print(s, list(frozenset(s)) == list(s), list(s.copy()) == list(s))

u = set(range(50))
u.difference_update(range(0, 50, 3))
u.add(3)
u.add(300)
print(u)

v = set(range(64))
v.intersection_update(range(10, 40))
v.add(5)
print(v)

w = set(range(30))
w ^= set(range(20, 40))
w.add(21)
print(w)

# negative and large ints
n = {-1, -2, -3, 2**40, 2**40 + 1}
n.discard(-2)
n.add(-10)
n.add(-2)
print(n)

# a discard of a missing key changes nothing
m = set(range(12))
m.discard(100)
m.add(12)
print(m)
try:
    m.remove(100)
except KeyError as e:
    print("KeyError", e)
