# The itertools iterators on small inputs: values, reprs, length hints,
# types and subclassing.
import itertools as it
from fractions import Fraction

def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

L = list
show('count', lambda: L(it.islice(it.count(), 5)))
show('count big', lambda: L(it.islice(it.count(2 ** 62, 2 ** 61), 3)))
show('count float', lambda: L(it.islice(it.count(1.5, 0.25), 3)))
show('count frac', lambda: L(it.islice(it.count(Fraction(1, 2), Fraction(1, 3)), 3)))
show('count neg', lambda: L(it.islice(it.count(10, -3), 4)))
show('count kw', lambda: L(it.islice(it.count(step=2, start=1), 3)))
for c in [it.count(), it.count(5), it.count(2, 1.0), it.count(1.5), it.count(0, -1), it.count(Fraction(1, 3), 2)]:
    print(repr(c), end=' ')
    next(c)
    print(repr(c))
show('cycle', lambda: L(it.islice(it.cycle('abc'), 8)))
show('cycle empty', lambda: L(it.cycle([])))
show('repeat', lambda: (L(it.repeat('x', 3)), repr(it.repeat('x', 3)), repr(it.repeat(None))))
r = it.repeat([1], 4)
next(r)
show('repeat hint', lambda: (r.__length_hint__(), repr(r)))
show('repeat forever hint', lambda: it.repeat('x').__length_hint__())
show('repeat negative', lambda: (L(it.repeat('x', -1)), repr(it.repeat('x', -1))))
show('accumulate', lambda: L(it.accumulate([1, 2, 3, 4])))
show('accumulate func', lambda: L(it.accumulate([1, 2, 3, 4], lambda a, b: a * b)))
show('accumulate max', lambda: L(it.accumulate([3, 1, 4, 1, 5], max)))
show('accumulate initial', lambda: L(it.accumulate([1, 2, 3], initial=100)))
show('accumulate only initial', lambda: L(it.accumulate([], initial=100)))
show('accumulate empty', lambda: L(it.accumulate([])))
show('accumulate str', lambda: L(it.accumulate('abc')))
show('chain', lambda: L(it.chain('ab', [1, 2], (), 'c')))
show('chain.from_iterable', lambda: L(it.chain.from_iterable(['ab', 'cd', range(2)])))
show('chain empty', lambda: L(it.chain()))
show('compress', lambda: L(it.compress('abcdef', [1, 0, 1, 0, 1])))
show('compress kw', lambda: L(it.compress(selectors=[0, 1], data='xy')))
show('dropwhile', lambda: L(it.dropwhile(lambda x: x < 3, [1, 2, 3, 4, 1])))
show('takewhile', lambda: L(it.takewhile(lambda x: x < 3, [1, 2, 3, 4, 1])))
show('filterfalse None', lambda: L(it.filterfalse(None, [0, 1, '', 2, None])))
show('filterfalse func', lambda: L(it.filterfalse(lambda x: x % 2, range(10))))
show('islice stop', lambda: L(it.islice('abcdefg', 2)))
show('islice start', lambda: L(it.islice('abcdefg', 2, None)))
show('islice step', lambda: L(it.islice('abcdefg', 1, 6, 2)))
show('islice nones', lambda: L(it.islice('abcdefg', None, None, 3)))
show('islice count', lambda: L(it.islice(it.count(), 3, 20, 4)))
show('islice past end', lambda: L(it.islice('abc', 5, 10)))
show('pairwise', lambda: L(it.pairwise('abcd')))
show('pairwise short', lambda: (L(it.pairwise('a')), L(it.pairwise(''))))
show('starmap', lambda: L(it.starmap(pow, [(2, 3), (3, 2)])))
show('starmap lists', lambda: L(it.starmap(lambda *a: a, ['ab', [1], ()])))
show('zip_longest', lambda: L(it.zip_longest('abc', [1], fillvalue='-')))
show('zip_longest none', lambda: (L(it.zip_longest()), L(it.zip_longest('ab'))))
show('zip_longest default', lambda: L(it.zip_longest([1, 2], 'xyz')))
print(isinstance(it.count(), it.count), type(it.chain()).__name__, it.chain.__module__)
print(type(it.tee([])[0]).__name__, type(it.groupby('a')).__name__)

class MyChain(it.chain):
    def extra(self):
        return 'extra'

mc = MyChain('ab', 'c')
print(L(mc), type(mc).__name__, isinstance(mc, it.chain), MyChain('x').extra())

class MyCount(it.count):
    pass

print(repr(MyCount(3)), L(it.islice(MyCount(3, 2), 3)))

class MyRepeat(it.repeat):
    pass

print(repr(MyRepeat('q', 2)))
print(L(zip(range(3), it.repeat('r'))), L(map(pow, range(4), it.repeat(2))))
