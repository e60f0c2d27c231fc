# A bounded lru_cache hit on the same few keys many times: each hit moves
# the key to the most recent end, so the order of evictions must follow the
# last use exactly, however many moves came before (the cache's table is
# compacted between them). Keys are ints, strs, tuples and instances.
from functools import lru_cache

calls = []


@lru_cache(maxsize=3)
def f(x):
    calls.append(x)
    return repr(x)


class Tag:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "Tag(%d)" % self.n


t1, t2 = Tag(1), Tag(2)
for _ in range(5000):
    f(1)
    f("a")
f((1, "b"))  # evicts nothing yet: three keys
print("after hot loop", f.cache_info(), calls)
f(t1)  # evicts the least recent: 1 (used before "a")
print(calls[-1], f.cache_info().currsize)
f(1)  # a miss again
print("misses so far", f.cache_info().misses, calls)
for i in range(1000):
    f(t1)
    f((1, "b"))
f(t2)  # evicts 1 (the oldest now)
f("a")  # miss: it was evicted by 1's return
print(calls)
print(f.cache_info())


# A method cache keyed by (self, arg): equal tuples of the same objects.
class Box:
    @lru_cache(maxsize=2)
    def get(self, k):
        calls.append(("get", k))
        return k * 2


b = Box()
calls.clear()
for _ in range(3000):
    b.get(1)
    b.get(2)
b.get(3)
b.get(2)
b.get(1)
print(calls, Box.get.cache_info())

# Typing subscriptions go through typing's own bounded caches.
from typing import Dict, List, Tuple

for _ in range(2000):
    a = List[int]
    d = Dict[str, Tuple[int, ...]]
print(a, d, a is List[int])
