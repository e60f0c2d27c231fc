# Iterating frozensets reachable from module globals (shared between threads
# once a thread starts): CPython's order, the same items every time, and
# concurrent readers see the whole set.
import threading

FS = frozenset([17, 3, 99, -4, 1024, 8, 33, 65, 2**40, "a", "bc", (1, 2)])
SMALL = frozenset([5, 1, 9])
EMPTY = frozenset()

def walk(s):
    return [x for x in s]

print(walk(SMALL), walk(EMPTY))
print(sorted(map(repr, walk(FS))) == sorted(map(repr, FS)), len(walk(FS)))
print(list(FS) == walk(FS), tuple(SMALL), min(SMALL), max(SMALL), sum(SMALL))

# The same order from many threads at once.
orders = []
def reader():
    for _ in range(200):
        orders.append(tuple(walk(SMALL)))
threads = [threading.Thread(target=reader) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(orders), len(set(orders)), orders[0] == tuple(SMALL))

# A frozenset subclass keeps its own behaviour.
class F(frozenset):
    def __iter__(self):
        yield from sorted(frozenset.__iter__(self), reverse=True)
G = F([3, 1, 2])
print(list(G), [x for x in G])

# An iterator over a frozenset: exhausted once, length hint as it goes.
it = iter(SMALL)
print(it.__length_hint__(), next(it) in SMALL, it.__length_hint__())
print(list(it), list(it))
