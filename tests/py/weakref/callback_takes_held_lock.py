# A weak reference callback and a __del__ that take a lock which the
# program holds in a `with` block while the object dies: neither may run
# inside the block (it would wait for ever on its own thread). Each takes
# the lock with a timeout and reports whether it got it.
import threading
import weakref

results = []


class Resource:
    def __init__(self, lock, name):
        self.lock = lock
        self.name = name

    def __del__(self):
        got = self.lock.acquire(timeout=5)
        results.append(("del", self.name, got))
        if got:
            self.lock.release()


def make_callback(lock, name):
    def cb(ref):
        got = lock.acquire(timeout=5)
        results.append(("callback", name, got))
        if got:
            lock.release()
    return cb


for kind, factory in (("Lock", threading.Lock), ("RLock", threading.RLock)):
    lock = factory()
    victim = Resource(lock, kind)
    ref = weakref.ref(victim, make_callback(lock, kind))
    del victim
    with lock:
        # Allocate until a collection has found the resource dead (at once
        # where the last reference frees it).
        rounds = 0
        while ref() is not None and rounds < 10_000:
            junk = [[i] for i in range(200)]
            rounds += 1
        print(kind, "dead inside the block:", ref() is None)
    for _ in range(100):
        if len(results) >= 2:
            break
        junk = [[i] for i in range(200)]
    print(kind, sorted(r for r in results if r[1] == kind))
    results.clear()

# A threading.Condition's `with` is a block over its lock too.
cond = threading.Condition(threading.Lock())
victim = Resource(cond, "Condition")
ref = weakref.ref(victim)
del victim
with cond:
    rounds = 0
    while ref() is not None and rounds < 10_000:
        junk = [[i] for i in range(200)]
        rounds += 1
for _ in range(100):
    if results:
        break
    junk = [[i] for i in range(200)]
print(results)
