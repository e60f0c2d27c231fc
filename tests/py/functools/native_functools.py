# functools with its native half (_functools): reduce, partial, cmp_to_key,
# lru_cache; error cases included.
import copy
import functools
import operator
import pickle
import threading
from functools import partial, reduce, cmp_to_key, lru_cache


def err(f, *a, **k):
    try:
        r = f(*a, **k)
        print("no error", r)
    except Exception as e:
        print(type(e).__name__, e)


print(reduce(operator.add, [1, 2, 3, 4]), reduce(operator.add, [], 10), reduce(operator.mul, range(1, 6), 2))
print(reduce(lambda a, b: a + [b], "abc", []))
err(reduce, operator.add, [])
err(reduce, operator.add)
err(reduce, operator.add, 5)
err(reduce, operator.add, [1], 0, 1)
err(reduce, operator.add, [1, "a"])
err(reduce, function=operator.add, iterable=[1])


def f(a, b, c=3, *, d=4):
    return (a, b, c, d)


p = partial(f, 1, d=9)
print(p(2), p(2, 5), p(2, d=0), p.func is f, p.args, p.keywords)
print(repr(p).replace(hex(id(f)), "ADDR").split(" at ")[0])
print(repr(partial(max, 1, key=abs)))
pp = partial(p, 7, c=8)
print(pp(), pp.func is f, pp.args, pp.keywords)
print(type(pp).__name__, type(pp).__module__)
err(partial)
err(partial, 5)
err(p)
err(setattr, p, "func", max)
err(setattr, p, "args", ())
p.attr = 1
print(p.attr, p.__dict__)


class MyPartial(partial):
    pass


mp = MyPartial(max, 3)
print(mp(1, 5), repr(mp), isinstance(mp, partial))
print(repr(partial(MyPartial(min, 1), 2)))

def mx(*a, key=None):
    return max(*a, key=key)


def keyf(v):
    return abs(v)


q = partial(mx, 1, 2, key=keyf)
r = q.__reduce__()
print(r[0] is partial, r[1] == (mx,), r[2] == (mx, (1, 2), {"key": keyf}, None))
q2 = pickle.loads(pickle.dumps(q))
print(q2.func is mx, q2.args, q2.keywords == {"key": keyf}, q2(-5))
q.extra = "x"
q3 = copy.deepcopy(q)
print(q3.args, q3.extra, q3.__reduce__()[2][3])
s = partial(len)
s.__setstate__((min, (3, 4), None, None))
print(s(), s.keywords, repr(s))
err(s.__setstate__, (min,))
err(s.__setstate__, [min, (), {}, None])
err(s.__setstate__, (5, (), {}, None))
err(s.__setstate__, (min, [1], {}, None))
print(partial[int])

# Methodcaller with keywords pickles through partial.
m = operator.methodcaller("split", ",", maxsplit=1)
m2 = pickle.loads(pickle.dumps(m))
print(repr(m2), m2("a,b,c"))

# cmp_to_key
K = cmp_to_key(lambda a, b: (a > b) - (a < b))
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
print(K(1) < K(2), K(2) <= K(2), K(1) == K(1), K(1) != K(2), K(3) > K(2), K(1) >= K(2))
k1 = K(5)
print(k1.obj, type(k1).__name__)
err(hash, k1)
err(lambda: k1 < 5)
err(cmp_to_key)
print(cmp_to_key(mycmp=lambda a, b: 0)(1).obj)

# lru_cache
calls = []


@lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x


print(sq(2), sq(2), sq(3), sq(4), sq(2), calls)
print(sq.cache_info())
sq.cache_clear()
print(sq.cache_info(), sq.__wrapped__.__name__, sq.__name__, sq.cache_parameters())


@lru_cache(maxsize=None, typed=True)
def ident(x, *, y=0):
    calls.append((x, y))
    return x


calls.clear()
ident(1), ident(1.0), ident(1), ident(1, y=2), ident(1, y=2)
print(calls, ident.cache_info())


@functools.cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info())


@lru_cache(maxsize=0)
def nocache(x):
    return x


nocache(1), nocache(1)
print(nocache.cache_info())


class C:
    @lru_cache
    def m(self, x):
        return (self.__class__.__name__, x)


print(C().m(3), C.m.cache_info().misses)
print(copy.copy(sq) is sq, copy.deepcopy(sq) is sq)
print(pickle.loads(pickle.dumps(fib)) is fib)
err(lru_cache, "x")
err(sq)
err(sq, [1])


@lru_cache(maxsize=-3)
def neg(x):
    return x


neg(1), neg(1)
print(neg.cache_info())

# Threads sharing one cache: consistent counts, no corruption.
@lru_cache(maxsize=64)
def shared(x):
    return x * 2


def work(seed):
    for i in range(2000):
        assert shared((i * seed) % 100) == ((i * seed) % 100) * 2


ts = [threading.Thread(target=work, args=(s,)) for s in (1, 3, 7, 11)]
for t in ts:
    t.start()
for t in ts:
    t.join()
info = shared.cache_info()
print(info.hits + info.misses, info.currsize <= 64)

# update_wrapper / wraps / total_ordering / singledispatch come from CPython's functools.py.
@functools.singledispatch
def kind(x):
    return "object"


@kind.register
def _(x: int):
    return "int"


print(kind(1), kind("a"), kind(True))

# Objects that only the native constructors may make.
err(object.__new__, partial)
err(type(cmp_to_key(None)), 1)
err(partial.__call__, 5)
err(functools._lru_cache_wrapper, 5, 2, False, tuple)
err(functools._lru_cache_wrapper, max, "x", False, tuple)
err(functools._lru_cache_wrapper, max, 2 ** 100, False, tuple)
err(sq.cache_info, 1)
print(functools._lru_cache_wrapper(max, 2, False, functools._CacheInfo)(1, 2))
