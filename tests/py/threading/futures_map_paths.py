# ThreadPoolExecutor.map's paths: timeout, early close (pending calls cancelled),
# shutdown(cancel_futures=True), a failed initializer, an iterable failing midway,
# a subclass whose submit must see every call, and exceptions raised in order.
from concurrent.futures import ThreadPoolExecutor, CancelledError, BrokenExecutor
import threading, time
def sq(x): return x * x
with ThreadPoolExecutor(2) as ex:
    print(list(ex.map(sq, range(10))))
    it = ex.map(time.sleep, [0.2, 0.2, 0.2, 0.2, 0.2, 0.2], timeout=0.05)
    try:
        next(it)
    except TimeoutError as e:
        print("timeout", type(e).__name__)
    g = ex.map(sq, range(5))
    print(next(g)); g.close()
    print(len(ex._threads))
# close cancels pending
ran = []
ev = threading.Event()
def rec(x):
    ev.wait(1)
    ran.append(x)
    return x
ex = ThreadPoolExecutor(1)
g = ex.map(rec, range(10))
time.sleep(0.05)
g.close()
ev.set()
ex.shutdown()
print("ran after close:", len(ran) < 10, ran[:1])
# shutdown(cancel_futures=True) with pending map items
ex = ThreadPoolExecutor(1)
ev2 = threading.Event()
g = ex.map(lambda x: ev2.wait(1) and x, range(5))
time.sleep(0.05)
ex.shutdown(wait=False, cancel_futures=True)
ev2.set()
out = []
try:
    for r in g:
        out.append(r)
except CancelledError:
    print("cancelled after", out)
ex.shutdown()
# initializer failure
def bad_init():
    raise ValueError("init")
ex = ThreadPoolExecutor(1, initializer=bad_init)
try:
    print(list(ex.map(sq, range(3))))
except BrokenExecutor as e:
    print("broken:", type(e).__name__, e)
try:
    ex.map(sq, [1])
except BrokenExecutor as e:
    print("map after broken:", type(e).__name__)
ex.shutdown()
# after shutdown
try:
    ex = ThreadPoolExecutor(1); ex.shutdown(); ex.map(sq, [1])
except RuntimeError as e:
    print("RuntimeError:", e)
# iterable raising midway: earlier calls still run
done = []
def gen():
    yield 1; yield 2; raise KeyError("mid")
with ThreadPoolExecutor(2) as ex:
    try:
        ex.map(done.append, gen())
    except KeyError as e:
        print("KeyError", e)
print(sorted(done))
# subclass with its own submit sees every call
class Counting(ThreadPoolExecutor):
    n = 0
    def submit(self, fn, /, *a, **k):
        Counting.n += 1
        return super().submit(fn, *a, **k)
with Counting(2) as ex:
    print(list(ex.map(sq, range(4))), Counting.n)
# exceptions carry their traceback type
def boom(x):
    if x == 2:
        raise ZeroDivisionError("two")
    return x
with ThreadPoolExecutor(3) as ex:
    r = []
    try:
        for v in ex.map(boom, range(5)):
            r.append(v)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e, r, e.__traceback__ is not None)
    print(list(ex.map(pow, [2, 3], [5, 2])))
print("threads:", threading.active_count())
