# obj[k] where the class's __getitem__ is a Python function with defaults,
# *args, **kwargs or keyword-only parameters, a generator function, or an
# lru_cache wrapper: bound as a call binds it, errors and recursion included.
class A:
    def __getitem__(self, k, extra=10):
        return k + extra
class B:
    def __getitem__(self, *a, **kw):
        return a
class G:
    def __getitem__(self, k):
        yield k
class W:
    def __getitem__(self, k, *, must):
        return k
import functools
class D:
    @functools.lru_cache
    def __getitem__(self, k):
        return k * 2
a, b, g, w, d = A(), B(), G(), W(), D()
print(a[1], b[2], list(g[3]), d[4], d[4])
try:
    w[1]
except TypeError as e:
    print("TypeError:", e)
def deep(n):
    class R:
        def __getitem__(self, k, x=None):
            return self[k - 1] if k else 0
    return R()[n]
import sys
try:
    deep(100000)
except RecursionError as e:
    print("RecursionError")
print([x for x in (a[i] for i in range(3))])


class T:
    def __getitem__(self, k, scale=2):
        return {"a": 1}[k] * scale


def outer():
    return T()["b"]


outer()
