# product, permutations, combinations and combinations_with_replacement,
# including empty inputs and r larger than the pool.
import itertools as it
from math import comb, factorial, perm

L = list
print(L(it.product('ab', range(2))))
print(L(it.product('ab', repeat=2)))
print(L(it.product()), L(it.product('ab', [])), L(it.product(repeat=0)), L(it.product('a', repeat=0)))
print(len(L(it.product(range(3), range(4), 'xy'))))
print(L(it.permutations('abc')))
print(L(it.permutations('abcd', 2)))
print(L(it.permutations('ab', 3)), L(it.permutations('', 0)), L(it.permutations(range(3), 0)))
print(L(it.permutations(range(3), r=None)))
print(L(it.combinations('abcd', 2)))
print(L(it.combinations('abc', 0)), L(it.combinations('abc', 4)), L(it.combinations('', 0)))
print(L(it.combinations_with_replacement('abc', 2)))
print(L(it.combinations_with_replacement('', 2)), L(it.combinations_with_replacement('', 0)))
for n in range(6):
    for r in range(7):
        pool = range(n)
        assert len(L(it.permutations(pool, r))) == (perm(n, r) if r <= n else 0)
        assert len(L(it.combinations(pool, r))) == (comb(n, r) if r <= n else 0)
        assert len(L(it.combinations_with_replacement(pool, r))) == (comb(n + r - 1, r) if n else int(r == 0))
        assert L(it.combinations(pool, r)) == sorted(set(tuple(sorted(p)) for p in it.permutations(pool, r)))
print('counts ok', factorial(5))
p = it.product([1, 2], ['x'])
print(next(p), L(p), L(p))
