# ThreadPoolExecutor arguments and life cycle: max_workers checks,
# initializer/initargs (and a failing initializer), thread names, submit
# and map after shutdown, shutdown(cancel_futures=True), the base Executor.
import threading
import time
import concurrent.futures as cf


def attempt(label, fn, /, *args, **kwargs):
    try:
        r = fn(*args, **kwargs)
        if isinstance(r, cf.Executor):
            r.shutdown()
            r = type(r).__name__
        print(label, "->", r)
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


attempt("max_workers=0", cf.ThreadPoolExecutor, 0)
attempt("max_workers=-1", cf.ThreadPoolExecutor, -1)
attempt("max_workers='2'", cf.ThreadPoolExecutor, "2")
attempt("initializer=5", cf.ThreadPoolExecutor, initializer=5)
attempt("default", cf.ThreadPoolExecutor)
ex = cf.ThreadPoolExecutor()
print("default max_workers:", type(ex._max_workers).__name__, 5 <= ex._max_workers <= 32)
ex.shutdown()
attempt("submit after shutdown", ex.submit, print)
attempt("map after shutdown", ex.map, abs, [1])
attempt("submit()", cf.ThreadPoolExecutor(1).submit)
attempt("submit(fn=...)", cf.ThreadPoolExecutor(1).submit, fn=print)

names = set()


def who(x):
    names.add(threading.current_thread().name)
    return x


with cf.ThreadPoolExecutor(1, thread_name_prefix="pool") as ex:
    ex.submit(who, 1).result()
print(sorted(names))
names.clear()
with cf.ThreadPoolExecutor(1) as ex:
    ex.submit(who, 1).result()
print([n.startswith("ThreadPoolExecutor-") and n.endswith("_0") for n in names])

seen = []


def init(a, b):
    seen.append((a, b, threading.current_thread().name))


with cf.ThreadPoolExecutor(1, initializer=init, initargs=(1, 2), thread_name_prefix="i") as ex:
    print(ex.submit(lambda: "after init").result())
print(seen)


def bad_init():
    raise ValueError("init failed")


ex = cf.ThreadPoolExecutor(1, initializer=bad_init)
f = ex.submit(lambda: 1)
try:
    f.result(timeout=10)
except cf.BrokenExecutor as e:
    print(type(e).__name__ + ":", e)
attempt("submit on broken", ex.submit, lambda: 2)
ex.shutdown()

gate = threading.Event()
ex = cf.ThreadPoolExecutor(1)
blocker = ex.submit(gate.wait)
while not blocker.running():
    time.sleep(0.001)
queued = [ex.submit(int, i) for i in range(3)]
ex.shutdown(wait=False, cancel_futures=True)
print("queued cancelled:", [q.cancelled() for q in queued], "blocker running:", blocker.running())
gate.set()
print("blocker:", blocker.result(10))
ex.shutdown(wait=True)
ex.shutdown()

with cf.ThreadPoolExecutor(2) as ex:
    print(ex.__enter__() is ex)


class Nothing(cf.Executor):
    pass


e = Nothing()
attempt("base submit", e.submit, print)
attempt("base map", lambda: list(e.map(print, [1])))
with e as same:
    print(same is e, e.shutdown(), e.shutdown(wait=False, cancel_futures=True))
