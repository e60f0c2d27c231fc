# Iterating arrays (by their item method): every typecode, negative zero and
# big values, a subclass overriding __getitem__, an array changed while
# iterated, and one iterator shared by threads (each item taken once).
from array import array
import threading

print(list(array("d", [0.0, -0.0, 1e300, -2.5])))
print(list(array("Q", [0, 2**64 - 1])), list(array("b", [-128, 127])))
print(list(array("u", "h\u00e9\U0001f600")), sum(array("i", range(100))))
print(tuple(array("f", [0.5, 0.25])), sorted(array("h", [3, -1, 2])))


class Doubled(array):
    def __getitem__(self, i):
        return 2 * super().__getitem__(i)


print(list(Doubled("i", [1, 2, 3])), [x for x in Doubled("d", [0.5])])

a = array("i", [1, 2, 3, 4])
out = []
for x in a:
    out.append(x)
    if x == 2:
        a.append(9)
    if len(a) > 6:
        break
print(out, a.tolist())

it = iter(array("i", range(5)))
next(it)
print(list(it), list(it))

big = array("l", range(20000))
it = iter(big)
seen = [[] for _ in range(4)]


def take(k):
    for x in it:
        seen[k].append(x)


threads = [threading.Thread(target=take, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
allseen = sorted(x for s in seen for x in s)
print(len(allseen), allseen == list(range(20000)))
