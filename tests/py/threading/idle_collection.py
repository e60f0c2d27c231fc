# Objects a program drops die even when every thread then waits: a weakref
# callback or a pool's shutdown that the waiting thread depends on runs.
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor


class Resource:
    pass


# A callback that sets the event the main thread waits for.
done = threading.Event()
r = Resource()
wr = weakref.ref(r, lambda _: done.set())
del r
print("event set:", done.wait(30))
print("referent gone:", wr() is None)

# An executor dropped without shutdown: its workers end once it is gone.
executor = ThreadPoolExecutor(max_workers=3)
results = executor.map(abs, range(-5, 5))
threads = list(executor._threads)
del executor
for t in threads:
    t.join(30)
print("workers alive after join:", [t.is_alive() for t in threads])
print("results:", sorted(results))

# A lock released by a finalizer while the main thread waits on it.
lock = threading.Lock()
lock.acquire()


class Releaser:
    def __del__(self):
        lock.release()


Releaser()
print("acquired:", lock.acquire(timeout=30))

# A worker thread that waits while the main thread waits too.
ev = threading.Event()


def worker():
    o = Resource()
    weakref.finalize(o, ev.set)
    del o
    ev.wait(30)


t = threading.Thread(target=worker)
t.start()
t.join(30)
print("worker finished:", not t.is_alive(), ev.is_set())
