# Pickling and copying list and tuple iterators mid-way and exhausted.
import pickle, copy

for seq in ([1, 2, 3, 4], (5, 6, 7)):
    it = iter(seq)
    next(it)
    r = it.__reduce__()
    print(r[0] is iter, r[1], r[2])
    for p in range(6):
        print(p, list(pickle.loads(pickle.dumps(it, p))), end=" ")
    print()
    c = copy.copy(it)
    print(next(c), next(it), list(c), list(it))
    print(it.__reduce__()[0] is iter, it.__reduce__()[1:])
    print(list(pickle.loads(pickle.dumps(it, 2))))

it = iter([10, 20, 30])
it.__setstate__(2)
print(list(it))
it = iter([10, 20, 30])
it.__setstate__(-5)
print(list(it))
it = iter((10, 20, 30))
it.__setstate__(99)
print(list(it), it.__length_hint__())
for bad in ["x", 1.5]:
    try:
        iter([1]).__setstate__(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    iter([1]).__reduce__(1)
except TypeError as e:
    print("TypeError", e)

class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
it = iter(Seq())
next(it)
r = it.__reduce__()
print(r[0] is iter, type(r[1][0]).__name__, r[2])
print([list(pickle.loads(pickle.dumps(it, p))) for p in range(6)])
it.__setstate__(-3)
print(list(it), it.__reduce__()[1])
