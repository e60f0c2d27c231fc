# Pickled iterators that resume where the originals were.
import itertools, pickle, copy, operator, array
from operator import itemgetter

c = itertools.cycle('abc')
next(c)
print(''.join(itertools.islice(pickle.loads(pickle.dumps(c)), 10)))
for _ in range(3): next(c)
print(''.join(itertools.islice(copy.deepcopy(c), 7)))

it = itertools.accumulate([None, None, None], operator.is_)
print(next(it), list(pickle.loads(pickle.dumps(it))), list(copy.deepcopy(it)))

data = [(0, 1), (0, 2), (1, 3), (1, 4), (2, 5)]
out = []
for k, g in pickle.loads(pickle.dumps(itertools.groupby(data, itemgetter(0)))):
    for ik, ig in pickle.loads(pickle.dumps(itertools.groupby(g, itemgetter(0)))):
        out.extend(ig)
print(out == data, out)

# reversed() over a sequence is a real reversed object
a = array.array('b', [1, 2, 3])
r = reversed(a)
print(type(r).__name__, r.__length_hint__(), next(r))
r2, a2 = pickle.loads(pickle.dumps((r, a)))
a2.insert(0, 9)
print(list(r2), list(r), r.__length_hint__())
r = reversed('xyz')
r.__setstate__(1)
print(list(r), r.__reduce__()[1])
class Seq:
    def __len__(self): return 4
    def __getitem__(self, i):
        if i == 2: raise IndexError(i)
        return i
print(list(reversed(Seq())))
try:
    reversed(3)
except TypeError as e:
    print('TypeError', e)
# an exhausted permutations pickles as one over () with the same r
for pool, r in [([], 1), ([0], 2), ([0, 1], 1)]:
    p = itertools.permutations(pool, r)
    first = list(itertools.islice(p, 1))
    print(first, list(pickle.loads(pickle.dumps(p))), list(p))
class Blocked:
    def __getitem__(self, i): return 1
    def __len__(self): return 2
    __reversed__ = None
for obj in (Blocked(), {1: 2}.keys().__class__):
    try:
        reversed(obj)
    except TypeError as e:
        print('TypeError', e)
