# __reduce__/__setstate__ (CPython 3.11) through pickle and copy, on
# iterators over lists (whose own iterators pickle), mid-iteration.
import copy
import itertools as it
import pickle

L = list
objs = [
    it.count(3), it.count(2.5, 0.5), it.repeat('a', 4), it.cycle([1, 2, 3]), it.chain([1, 2], [3, 4]),
    it.islice([1, 2, 3, 4, 5, 6], 1, None, 2), it.product([1, 2], [3, 4]), it.permutations([1, 2, 3], 2),
    it.combinations([1, 2, 3, 4], 2), it.combinations_with_replacement([1, 2], 2),
    it.accumulate([1, 2, 3, 4]), it.accumulate([1, 2], initial=10), it.groupby([1, 1, 2, 2, 3]),
    it.zip_longest([1, 2, 3], [4]), it.dropwhile(lambda x: x < 2, [1, 2, 3]) if False else it.dropwhile(bool, [1, 0, 1]),
    it.takewhile(bool, [1, 1, 0]), it.tee([1, 2, 3])[0], it.starmap(pow, [(2, 1), (2, 2)]),
    it.compress([1, 2, 3], [1, 0, 1]), it.filterfalse(None, [0, 1, 0, 2]),
]
for o in objs:
    name = type(o).__name__
    try:
        next(o)
        r = o.__reduce__()
        print(name, type(r).__name__, r[0].__name__, len(r))
        o2 = pickle.loads(pickle.dumps(o))
        o3 = copy.deepcopy(o)
        if name == 'groupby':
            o, o2, o3 = ([(k, L(g)) for k, g in x] for x in (o, o2, o3))
        print('  ', L(it.islice(o2, 6)), L(it.islice(o3, 6)), L(it.islice(o, 6)))
    except Exception as e:
        print(name, type(e).__name__, e)
for o in [it.count(5), it.count(1, 2), it.repeat(None), it.repeat(0, 2)]:
    print(o.__reduce__())
try:
    pickle.dumps(it.pairwise([1, 2]))
except TypeError as e:
    print('TypeError')
c = it.cycle([1, 2, 3])
L(it.islice(c, 4))
c.__setstate__(([7, 8], True))
print(L(it.islice(c, 5)))
p = it.permutations('abc')
next(p)
p.__setstate__(((2, 1, 0), (1, 1, 1)))
print(L(p))
