# Results that Executor.map hands out are not kept by the result iterator.
import gc
import weakref
from concurrent.futures import ThreadPoolExecutor


class Box:
    def __init__(self, n):
        self.n = n


def make(n):
    if n == 3:
        raise ValueError("three")
    return Box(n)


# The results are read after the pool has shut down: a worker holds its
# result (`result` in _WorkItem.run) until set_result returns, and the
# reader may run in between (CPython too, if the worker is preempted
# there), so only then is the iterator the one thing that could keep it.
with ThreadPoolExecutor(max_workers=2) as ex:
    it = ex.map(make, range(5))
for i in range(3):
    b = next(it)
    n = b.n
    wr = weakref.ref(b)
    del b
    gc.collect()
    print(n, "freed" if wr() is None else "kept")
try:
    next(it)
except ValueError as e:
    print("error:", e)
print(list(it))
