# Set algebra that copies one operand's table (difference of a much larger
# set, union, symmetric difference) or walks one operand in place (subset
# tests): the results, their iteration order and the __eq__ calls made are
# CPython's, for simple keys and for keys whose __eq__ runs Python code.
import threading

big = frozenset(range(40))
small = frozenset((3, 9, 12))
print(sorted(big - small) == [x for x in range(40) if x not in small])
print(list(big - small)[:10], type(big - small).__name__)
print(list(set(range(40)) - {1, 2}) [:5], type(set(big) - small).__name__)
print(list(small | frozenset((100, 7, 3))), list(small ^ frozenset((3, 50))))
print(small <= big, big <= small, small < big, big > small, big >= big, small == frozenset([12, 9, 3]))
print(frozenset() <= small, frozenset() < frozenset(), set() == frozenset())
print(big.difference(small) == big - small, small.union([1, 2]), small.issubset(range(20)))

# Strings and tuples as keys.
words = frozenset("the quick brown fox jumps over the lazy dog".split())
print(sorted(words - {"the", "dog"}), sorted({("a", 1), ("b", 2)} | {("a", 1)}))
print({"fox", "dog"} <= words, {"fox", "cat"} <= words)

# The result can grow after the copy.
u = set(range(30)) | {100}
u.add(200)
u |= set(range(25, 60))
print(len(u), sorted(u)[-3:])


class Key:
    eqs = 0

    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return self.v % 4

    def __eq__(self, other):
        Key.eqs += 1
        return isinstance(other, Key) and self.v == other.v

    def __repr__(self):
        return "K%d" % self.v


ks = [Key(i) for i in range(20)]
a = set(ks)
b = {Key(1), Key(5), Key(99)}
for op in ("-", "|", "^", "&", "<=", ">="):
    Key.eqs = 0
    r = eval("a %s b" % op)
    # (How many __eq__ calls `^` makes depends on the tables' collision
    # chains, which are ProtoPy's own.)
    print(op, sorted(r, key=lambda k: k.v) if isinstance(r, set) else r, Key.eqs if op != "^" else "")


# A key whose __eq__ empties the set being walked: no crash, CPython's answer.
class Clearing:
    def __init__(self, target):
        self.target = target

    def __hash__(self):
        return 1

    def __eq__(self, other):
        self.target.clear()
        return False


victim = {1, 2, 3}
probe = {Clearing(victim)}
try:
    print(sorted(map(type, probe - victim), key=str), probe <= victim)
except RuntimeError as e:
    print("RuntimeError", e)

# A frozenset shared by threads that take differences of it at once.
shared = frozenset(range(100))
results = []
def work(k):
    for i in range(200):
        r = shared - {k, i % 100}
        results.append(len(r))
ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(results), sorted(set(results)))

# A set another thread keeps changing: every difference is a consistent one.
moving = set(range(50))
stop = False
def churn():
    i = 0
    while not stop:
        moving.add(1000 + i % 7)
        moving.discard(1000 + (i + 3) % 7)
        i += 1
t = threading.Thread(target=churn)
t.start()
bad = 0
for i in range(300):
    r = moving - {1, 2}
    if not set(range(3, 50)) <= r or len(r) - 47 > 7:
        bad += 1
stop = True
t.join()
print("inconsistent", bad)
