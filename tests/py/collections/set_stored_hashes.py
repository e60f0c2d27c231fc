# Sets and frozensets reuse the hashes their tables (and exact dicts) store:
# building, combining and hashing them never calls an item's __hash__ again.
import gc


class Counted:
    calls = 0

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        Counted.calls += 1
        return hash(self.n)

    def __eq__(self, other):
        return isinstance(other, Counted) and self.n == other.n

    def __repr__(self):
        return f"C{self.n}"


def step(label, f):
    before = Counted.calls
    r = f()
    print(f"{label}: {Counted.calls - before} hash calls")
    return r


items = [Counted(i) for i in range(6)]
d = step("dict.fromkeys", lambda: dict.fromkeys(items))
s = step("set(dict)", lambda: set(d))
fs = step("frozenset(dict)", lambda: frozenset(d))
step("set.difference(dict)", lambda: s.difference(d))
step("set.symmetric_difference(dict)", lambda: s.symmetric_difference(d))
step("frozenset.union(dict)", lambda: fs.union(d))
t = set(s)
step("set.update(dict)", lambda: t.update(d))
step("set.difference_update(dict)", lambda: t.difference_update(d))
print(len(t))
step("set.symmetric_difference_update(dict)", lambda: t.symmetric_difference_update(d))
print(sorted(x.n for x in t))
step("set ^= set", lambda: t.__ixor__(s))
print(len(t))
step("hash(frozenset)", lambda: hash(fs))
step("hash(frozenset) again", lambda: hash(fs))
step("frozenset in set", lambda: {fs, frozenset()})
step("dict.fromkeys(frozenset)", lambda: dict.fromkeys(fs))
# A list is hashed once per item, then the hashes are reused.
step("set.update(list)", lambda: t.update(items))
step("set.difference_update(list)", lambda: t.difference_update(items))

# The hash depends on the items only, not on insertion order or history.
a = frozenset([1, 2, 3])
b = frozenset([3, 2, 1, 4]) - {4}
print(a == b, hash(a) == hash(b))
print(hash(frozenset()), hash(frozenset([0])), hash(frozenset([1, 2])))
print(hash(frozenset([frozenset(), frozenset([frozenset()])])))

# Nested frozensets hash in linear time, and their hashes spread out.
nums = [frozenset()]
for i in range(30):
    nums.append(frozenset(nums))
print(len({hash(x) for x in nums}), len({hash(x) & 0xFF for x in nums}) > 20)
print(len({hash(frozenset(range(i))) & 0xFFF for i in range(200)}) > 150)

# An item whose __hash__ fails still fails to go in.
class Bad:
    def __hash__(self):
        raise ValueError("no hash")

try:
    frozenset([Bad()])
except ValueError as e:
    print("ValueError", e)
try:
    {1}.update([[]])
except TypeError as e:
    print("TypeError", e)


# An exhausted set iterator lets the set go.
class Tracked(set):
    freed = False

    def __del__(self):
        Tracked.freed = True


it = iter(Tracked([1]))
print(list(it), next(it, "end"))
gc.collect()
print("set freed after iterating:", Tracked.freed)
try:
    next(it)
except StopIteration:
    print("still exhausted")
