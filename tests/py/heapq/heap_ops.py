# _heapq through CPython's heapq module: push/pop/replace/pushpop/heapify,
# the max-heap helpers, merge/nlargest/nsmallest on top of them, and errors.
import heapq
import _heapq
import random

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

rng = random.Random(7)
data = [rng.randrange(100) for _ in range(40)]
h = []
for v in data:
    _heapq.heappush(h, v)
print(h)
print([_heapq.heappop(h) for _ in range(len(h))] == sorted(data))
h = list(data)
_heapq.heapify(h)
print(h)
print(_heapq.heapreplace(h, 50), _heapq.heappushpop(h, -1), _heapq.heappushpop(h, 99), h[:5])
m = list(data)
_heapq._heapify_max(m)
print(m[:8])
print(_heapq._heappop_max(m), _heapq._heappop_max(m), _heapq._heapreplace_max(m, 0), m[:5])
print(heapq.nlargest(5, data), heapq.nsmallest(5, data))
print(heapq.nlargest(3, data, key=lambda v: -v), heapq.nsmallest(3, ['bb', 'a', 'ccc'], key=len))
print(list(heapq.merge([1, 4, 9], [2, 3, 10], [0])), list(heapq.merge([3, 1], [2], reverse=True)))
print(list(heapq.merge(['b', 'aa'], ['ccc'], key=len)))

words = 'the quick brown fox jumps over the lazy dog'.split()
hw = []
for w in words:
    _heapq.heappush(hw, (len(w), w))
print([_heapq.heappop(hw) for _ in range(4)])
fl = [3.5, -1.0, 2.25, float('inf'), 0.0]
_heapq.heapify(fl)
print([_heapq.heappop(fl) for _ in range(5)])
mixed = [3, 1.5, 2, 0.5]
_heapq.heapify(mixed)
print(mixed)

class L(list):
    pass

sub = L([5, 3, 1])
_heapq.heapify(sub)
print(sub, type(sub).__name__)

class Task:
    def __init__(self, p, name):
        self.p, self.name = p, name
    def __lt__(self, other):
        return self.p < other.p
    def __repr__(self):
        return 'Task(%d, %s)' % (self.p, self.name)

ts = []
for p, n in [(3, 'c'), (1, 'a'), (2, 'b'), (1, 'a2')]:
    _heapq.heappush(ts, Task(p, n))
print([_heapq.heappop(ts) for _ in range(4)])

show(lambda: _heapq.heappop([]))
show(lambda: _heapq.heapreplace([], 1))
show(lambda: _heapq.heappushpop([], 7))
show(lambda: _heapq._heappop_max([]))
show(lambda: _heapq._heapreplace_max([], 1))
show(lambda: _heapq.heappush((), 1))
show(lambda: _heapq.heappop(1))
show(lambda: _heapq.heapify('abc'))
show(lambda: _heapq.heappush([]))
show(lambda: _heapq.heappush([], 1, 2))
show(lambda: _heapq.heappush(heap=[], item=1))
show(lambda: _heapq.heapify())
show(lambda: _heapq.heapify([1, 'a', 2]))
show(lambda: _heapq.heappush([1, 2], None))

class Evil:
    def __init__(self, h):
        self.h = h
    def __lt__(self, other):
        self.h.clear()
        return True

e = [1]
show(lambda: _heapq.heappush(e, Evil(e)))
e2 = [Evil(None), 1, 2]
e2[0].h = e2
show(lambda: _heapq.heapify(e2))
print(e2)
