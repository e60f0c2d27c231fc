# Operators on weakref proxies apply to the referent with proxies unwrapped:
# reflected and in-place methods, fallbacks, containment through iteration,
# next() only on an iterator referent.
import weakref, operator
class C:
    def __init__(self, v): self.v = v
    def __floordiv__(self, o): return 42
    def __ifloordiv__(self, o): return 21
    def __matmul__(self, o): return 1729
    def __rmatmul__(self, o): return -163
    def __imatmul__(self, o): return 561
    def __add__(self, o): return ('add', o if not isinstance(o, C) else 'C')
    def __radd__(self, o): return ('radd', o)
    def __neg__(self): return 'neg'
    def __pow__(self, o, m=None): return ('pow', o, m)
    def __rpow__(self, o): return ('rpow', o)
    def __rlshift__(self, o): return 'rlshift'
    def __iter__(self): return iter([1, 2, 3])
o = C(1); o2 = C(2)
p = weakref.proxy(o); p2 = weakref.proxy(o2)
print(p // 5, p @ 5, 5 @ p, p + 1, 1 + p, p + p2, -p, p ** 2, 2 ** p, pow(p, 2, 7), 1 << p)
q = p; q //= 5; print(q)
q = p; q @= 5; print(q)
q = p; q += 3; print(q)
print(2 in p, 5 in p, list(p))
class L(list): pass
l = L([1, 2]); pl = weakref.proxy(l)
pl += [3]; print(pl, l, type(pl).__name__)
print(pl * 2, 2 * pl, pl[0], len(pl))
try: p - 1
except TypeError as e: print(e)
try: ~p
except TypeError as e: print(e)
not_an_iterator = lambda: 0
class A:
    def __iter__(self): return weakref.proxy(not_an_iterator)
try: list(A())
except TypeError as e: print(e)
it = iter([7, 8])
class I:
    def __iter__(self): return self
    def __next__(self): return next(it)
ii = I(); pi = weakref.proxy(ii)
print(next(pi), next(pi))
try: next(pi)
except StopIteration as e: print('stop', e.args)
