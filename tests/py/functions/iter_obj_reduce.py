# Pickling and copying enumerate, zip, map and filter part-way through.
import pickle, copy

def rt(x, p):
    return list(pickle.loads(pickle.dumps(x, p)))

def fresh():
    e = enumerate([5, 6, 7], 10); next(e)  # ints: protocol 0 pickles str via a codec
    z = zip([1, 2, 3], (4, 5, 6)); next(z)
    m = map(pow, [2, 3, 4], [2, 2, 2]); next(m)
    f = filter(None, [0, 1, 0, 2, 3]); next(f)
    zs = zip([1, 2], [3, 4], strict=True)
    return [e, z, m, f, zs]

for i, x in enumerate(fresh()):
    r = x.__reduce__()
    print(type(x).__name__, r[0] is type(x), len(r), r[2:] if len(r) > 2 else "")
    print([rt(y, p) for p, y in zip(range(6), [fresh()[i] for _ in range(6)])])

class E(enumerate):
    pass
e = E([1, 2])
print(type(e.__reduce__()[0]).__name__, e.__reduce__()[0] is E)
c = copy.copy(enumerate([7, 8]))
print(list(c))

bad = pickle.loads(pickle.dumps(zip([1, 2], [3], strict=True), 2))
try:
    list(bad)
except ValueError as ex:
    print("ValueError", ex)
z = zip([1, 2], [3])
z.__setstate__(True)
try:
    list(z)
except ValueError as ex:
    print("ValueError", ex)
try:
    zip.__reduce__(5)
except TypeError as ex:
    print("TypeError")
try:
    map(abs, [1]).__reduce__(1)
except TypeError as ex:
    print("TypeError", ex)
