# deque iterators raise RuntimeError when the deque changes size or order
# structurally while iterating; replacing an item or reversing does not.
from collections import deque


def attempt(label, mutate, rev=False):
    d = deque([1, 2, 3, 4])
    seen = []
    try:
        for x in (reversed(d) if rev else d):
            seen.append(x)
            mutate(d)
        print(label, "completed", seen, d)
    except RuntimeError as e:
        print(label, "RuntimeError:", e, seen, d)


attempt("append", lambda d: d.append(0))
attempt("appendleft", lambda d: d.appendleft(0))
attempt("pop", lambda d: d.pop())
attempt("popleft", lambda d: d.popleft(), rev=True)
attempt("clear", lambda d: d.clear())
attempt("extend []", lambda d: d.extend([]))
attempt("extend [1]", lambda d: d.extend([1]))
attempt("rotate 0", lambda d: d.rotate(0))
attempt("rotate 1", lambda d: d.rotate(1))
attempt("insert", lambda d: d.insert(1, 9))
attempt("remove", lambda d: d.remove(d[-1]))
attempt("del", lambda d: d.__delitem__(0))
attempt("setitem", lambda d: d.__setitem__(0, 7))
attempt("setitem rev", lambda d: d.__setitem__(-1, 7), rev=True)
attempt("reverse", lambda d: d.reverse())
attempt("imul 1", lambda d: d.__imul__(1))
attempt("imul 2", lambda d: d.__imul__(2))
attempt("iadd empty", lambda d: d.__iadd__(()))
attempt("init", lambda d: d.__init__([1, 2, 3, 4]))

# an iterator keeps failing after a mutation, even once exhausted
d = deque([1, 2])
it = iter(d)
print(next(it))
d.append(3)
for _ in range(2):
    try:
        next(it)
    except RuntimeError as e:
        print("RuntimeError:", e)
it2 = iter(d)
print(list(it2))
d.pop()
try:
    next(it2)
except RuntimeError as e:
    print("exhausted then mutated:", e)
it3 = iter(deque())
print(list(it3), list(it3))

# scans that call __eq__ notice mutations made by __eq__
class Evil:
    def __init__(self, victim, exc=False):
        self.victim = victim

    def __eq__(self, other):
        self.victim.pop()
        return False

    __hash__ = object.__hash__


for name in ["count", "index", "contains", "remove"]:
    v = deque()
    v.extend([Evil(v), 1, 2, 3])
    try:
        if name == "count":
            v.count(99)
        elif name == "index":
            v.index(99)
        elif name == "contains":
            99 in v
        else:
            v.remove(99)
        print(name, "no error")
    except (RuntimeError, IndexError) as e:
        print(name, type(e).__name__, e, len(v))

# comparisons iterate both deques
class Agreeable(Evil):
    def __eq__(self, other):
        self.victim.pop()
        return True


a = deque()
a.extend([1, Agreeable(a), 3])
try:
    print(a < deque([1, 2, 3]))
except RuntimeError as e:
    print("compare RuntimeError:", e)
b = deque()
b.extend([1, Evil(b), 3])
try:
    print(b < deque([1, 2, 3]))
except TypeError as e:
    print("compare TypeError:", e)

# a safe pattern: iterate over a copy while mutating
q = deque(range(5))
for x in list(q):
    if x % 2:
        q.remove(x)
    else:
        q.append(x * 10)
print(q)
# draining with popleft while iterating over a snapshot
work = deque(["a", "b", "c"])
done = []
while work:
    item = work.popleft()
    done.append(item)
    if item == "a":
        work.extend(["d", "e"])
print(done)
