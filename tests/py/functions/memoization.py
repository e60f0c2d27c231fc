# Memoization with closures, default dicts and functools.lru_cache.
import functools

calls = {"n": 0}
def slow_square(n):
    calls["n"] += 1
    return n * n

def memoize(fn):
    cache = {}
    def wrapper(*args):
        if args in cache:
            return cache[args]
        result = fn(*args)
        cache[args] = result
        return result
    wrapper.cache = cache
    return wrapper

fast = memoize(slow_square)
print([fast(i % 3) for i in range(9)], calls["n"])
print(sorted(fast.cache.items()))

@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80))
info = fib.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize)
fib.cache_clear()
print(fib.cache_info().currsize)

@functools.lru_cache(maxsize=2)
def ident(x):
    calls["n"] += 1
    return x
calls["n"] = 0
for v in [1, 2, 1, 3, 1, 2]:
    ident(v)
print(calls["n"], ident.cache_info().hits, ident.cache_info().misses)

def count_paths(rows, cols, _memo={}):
    if (rows, cols) in _memo:
        return _memo[rows, cols]
    if rows == 1 or cols == 1:
        return 1
    r = count_paths(rows - 1, cols) + count_paths(rows, cols - 1)
    _memo[rows, cols] = r
    return r
print(count_paths(10, 10), count_paths(17, 17), len(count_paths.__defaults__[0]) > 0)

@functools.lru_cache(typed=True)
def typed(x):
    return type(x).__name__
print(typed(1), typed(1.0), typed("s"), typed(1))

try:
    fast([1, 2])
except TypeError as e:
    print("TypeError:", e)

@functools.cache
def collatz_len(n):
    if n == 1:
        return 1
    return 1 + collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1)
print(max(range(1, 1000), key=collatz_len), collatz_len(27))
print(fib.__name__, fib.__wrapped__.__name__)
