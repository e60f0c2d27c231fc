# Heaps whose items compare simply (ints, floats, strs) mixed with items
# that need the comparison protocol: the results, and the number and order
# of user __lt__ calls, are CPython's.
import heapq
import random

rng = random.Random(11)
calls = []

class K:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        calls.append(self.v)
        ov = other.v if isinstance(other, K) else other
        return self.v < ov
    def __gt__(self, other):
        calls.append(-self.v)
        ov = other.v if isinstance(other, K) else other
        return self.v > ov
    def __repr__(self):
        return f"K({self.v})"

def val(x):
    return x.v if isinstance(x, K) else x

for trial in range(4):
    h = []
    for i in range(300):
        r = rng.random()
        x = rng.randrange(1000)
        item = K(x) if r < 0.2 else (float(x) + 0.5 if r < 0.5 else x)
        heapq.heappush(h, item)
    out = [val(heapq.heappop(h)) for _ in range(150)]
    heapq.heappushpop(h, 7)
    heapq.heapreplace(h, K(3))
    print(trial, out[:8], out == sorted(out), len(calls), calls[-5:])

strs = [str(rng.random()) for _ in range(200)]
heapq.heapify(strs)
print([heapq.heappop(strs)[:6] for _ in range(5)])
mx = [rng.randrange(100) for _ in range(100)]
heapq._heapify_max(mx)
print([heapq._heappop_max(mx) for _ in range(5)])
print(heapq.nsmallest(5, [K(5), 3, 2.5, K(1), 9]), heapq.nlargest(3, [4, 1.5, 8, 2]))
print(list(heapq.merge([1, 3.5, 7], [2, 4, 6.5])))
t = [(2, "b"), (1, "z"), (1, "a")]
heapq.heapify(t)
print([heapq.heappop(t) for _ in range(3)])
bad = [1, "x"]
try:
    heapq.heappush(bad, 0.5)
except TypeError as e:
    print("TypeError:", e)
