# ThreadPoolExecutor.submit: results, exceptions carried to the caller.
from concurrent.futures import ThreadPoolExecutor, Future
import concurrent.futures as cf

def square(x):
    return x * x

def fail(x):
    raise ZeroDivisionError(f"cannot handle {x}")

with ThreadPoolExecutor(max_workers=4) as ex:
    futs = [ex.submit(square, i) for i in range(10)]
    print([f.result() for f in futs])
    bad = ex.submit(fail, 7)
    try:
        bad.result()
    except ZeroDivisionError as e:
        print("result raised:", type(e).__name__, e)
    print("exception():", repr(bad.exception()))
    print("done:", bad.done(), "cancelled:", bad.cancelled())
    kw = ex.submit(lambda a, b=0: a - b, 10, b=3)
    print("kwargs:", kw.result())
    print("exception() of success:", futs[0].exception())
    print("is Future:", isinstance(futs[0], Future))

# a Future settled by hand
f = Future()
print("pending:", f.done(), f.running())
f.set_result("manual")
print("manual:", f.result(), f.done())
g = Future()
g.set_exception(KeyError("k"))
try:
    g.result(timeout=1)
except KeyError as e:
    print("manual exception:", repr(e))
h = Future()
try:
    h.result(timeout=0.02)
except cf.TimeoutError:
    print("result timeout")
try:
    h.exception(timeout=0.01)
except cf.TimeoutError:
    print("exception timeout")
print("TimeoutError is builtin:", cf.TimeoutError is TimeoutError)
