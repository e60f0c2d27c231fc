# groupby and its groups (a group dies when the groupby moves on), and tee
# (independent copies over one buffered iterator, __copy__, tee of a tee).
import copy
import itertools as it

L = list
print([(k, L(g)) for k, g in it.groupby('aaabbcaa')])
print([(k, L(g)) for k, g in it.groupby([1, 2, 3, 4, 5, 6, 7], key=lambda x: x // 3)])
print([k for k, _ in it.groupby([])], [k for k, _ in it.groupby('abc', key=str.upper)])
g = it.groupby('aabbcc')
k1, g1 = next(g)
k2, g2 = next(g)
print(k1, L(g1), k2, L(g2), [k for k, _ in g])
g = it.groupby('aaab')
k, grp = next(g)
print(next(grp), L(g)[0][0], L(grp))

words = ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apricot']
for first, ws in it.groupby(sorted(words), key=lambda w: w[0]):
    print(first, L(ws))

class Key:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        print('eq', self.v, other.v)
        return self.v == other.v

print([len(L(grp)) for k, grp in it.groupby([1, 1, 2], key=Key)])

a, b = it.tee('abcdef')
print(next(a), next(a), L(b), L(a))
a, b, c = it.tee(iter(range(200)), 3)
print(sum(a), sum(b), next(c), L(it.islice(c, 3)))
a, = it.tee('xyz', 1)
b = copy.copy(a)
next(a)
c = a.__copy__()
print(L(a), L(b), L(c))
print(it.tee('abc', 0))
a, b = it.tee('abc')
c, d = it.tee(a)
print(type(c) is type(a), L(c), L(d), L(b))
t = it.tee(iter([1, 2, 3]))[0]
print(type(t).__name__, L(it._tee(t)))

def gen():
    yield 1
    yield from tee_holder[0]

tee_holder = it.tee(gen())
try:
    L(tee_holder[0])
except RuntimeError as e:
    print('RuntimeError', e)
