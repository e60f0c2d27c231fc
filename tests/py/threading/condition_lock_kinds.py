# Condition over each kind of lock: the _thread locks, an RLock subclass and a
# lock written in Python (with and without the private protocol methods);
# argument errors, repr, instance attributes and subclasses.
import _thread
import threading
import time


class PyLock:
    """A lock in Python with only acquire/release (and the with protocol)."""

    def __init__(self):
        self._l = threading.Lock()
        self.log = []

    def acquire(self, blocking=True, timeout=-1):
        self.log.append("acquire")
        return self._l.acquire(blocking, timeout)

    def release(self):
        self.log.append("release")
        self._l.release()

    def __enter__(self):
        self.log.append("enter")
        return self._l.__enter__()

    def __exit__(self, *a):
        self.log.append("exit")
        return self._l.__exit__(*a)


class ProtoLock(PyLock):
    """A Python lock that also has the private protocol Condition uses."""

    def _is_owned(self):
        self.log.append("is_owned")
        return self._l.locked()

    def _release_save(self):
        self.log.append("release_save")
        self._l.release()
        return "saved-state"

    def _acquire_restore(self, state):
        self.log.append("acquire_restore:" + state)
        self._l.acquire()


class MyRLock(_thread.RLock):
    def acquire(self, *a, **k):
        calls.append("MyRLock.acquire")
        return super().acquire(*a, **k)


calls = []


def waiter_then_notify(cond, label):
    got = []

    def waiter():
        with cond:
            got.append(cond.wait(5))

    t = threading.Thread(target=waiter)
    t.start()
    deadline = time.monotonic() + 5
    while True:
        with cond:
            # the waiter is queued once the lock is free of it and it has not returned
            if not got and cond.__repr__().endswith(", 1)>"):
                cond.notify()
                break
        if time.monotonic() > deadline:
            break
        time.sleep(0.001)
    t.join()
    print(label, "woken:", got)


for label, lock in (("Lock", threading.Lock()), ("RLock", threading.RLock()),
                    ("PyLock", PyLock()), ("ProtoLock", ProtoLock())):
    cond = threading.Condition(lock)
    print(label, "lock is kept:", cond._lock is lock)
    waiter_then_notify(cond, label)
    with cond:
        print(label, "timed-out wait:", cond.wait(0.01), "zero wait:", cond.wait(0))
    if hasattr(lock, "log"):
        print(label, "log:", sorted(set(lock.log)))

# an RLock subclass goes through its own methods
c = threading.Condition(MyRLock())
with c:
    pass
c.acquire()
c.release()
print("subclass acquire calls:", calls)

# the default lock is an RLock: re-entrant, and waits release every level
c = threading.Condition()
print("default lock:", type(c._lock).__name__)
with c:
    with c:
        print("owned twice:", c._is_owned())
        print("wait at depth 2:", c.wait(0.01), "still owned:", c._is_owned())
print("owned after:", c._is_owned())

# plain Lock: "owned" means locked (by anyone), as CPython's fallback finds
lk = threading.Lock()
c = threading.Condition(lk)
print("plain lock owned?", c._is_owned())
lk.acquire()
print("plain lock owned when locked:", c._is_owned())
lk.release()

# _release_save/_acquire_restore on the default RLock round-trip the count
c = threading.Condition()
c.acquire(); c.acquire()
state = c._release_save()
print("saved count:", state[0], "owned:", c._is_owned())
c._acquire_restore(state)
print("restored, owned:", c._is_owned())
c.release(); c.release()
try:
    c.release()
except RuntimeError as e:
    print("extra release:", e)

# notify(n) wakes exactly n of the waiters, oldest first; notify_all the rest
c = threading.Condition()
order = []


def worker(i):
    with c:
        c.wait(5)
        order.append(i)


ts = []
for i in range(4):
    t = threading.Thread(target=worker, args=(i,))
    t.start()
    ts.append(t)
    while True:
        with c:
            if repr(c).endswith(", %d)>" % (i + 1)):
                break
        time.sleep(0.001)
with c:
    c.notify(2)
while len(order) < 2:
    time.sleep(0.001)
time.sleep(0.02)
print("after notify(2):", sorted(order), "still waiting:", repr(c).split(", ")[-1])
with c:
    c.notify_all()
for t in ts:
    t.join()
print("after notify_all:", sorted(order))
with c:
    c.notify(0)
    c.notify(-3)
    c.notify("x")  # no waiter: the count is never compared, as in CPython

# wait_for returns the predicate's last value, with or without a timeout
c = threading.Condition()
with c:
    print("wait_for true:", c.wait_for(lambda: "yes"))
    t0 = time.monotonic()
    print("wait_for timeout:", c.wait_for(lambda: 0, timeout=0.05),
          time.monotonic() - t0 >= 0.04)
    print("wait_for zero:", c.wait_for(lambda: [], 0))

# argument errors, with CPython's messages
c = threading.Condition()
for f in (lambda: threading.Condition(1, 2),
          lambda: c.wait(1, 2),
          lambda: c.notify(x=1),
          lambda: c.wait_for(),
          lambda: c.notify_all(1),
          lambda: c._acquire_restore()):
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
with c:
    for f in (lambda: c.wait("a"), lambda: c.wait_for(lambda: False, "a")):
        try:
            f()
        except TypeError as e:
            print("TypeError:", e)
    try:
        c.wait(1e300)
    except OverflowError as e:
        print("OverflowError:", e)


# subclasses: their own __init__, attributes, and an override of wait
class Tracked(threading.Condition):
    def __init__(self):
        super().__init__(threading.Lock())
        self.waits = 0

    def wait(self, timeout=None):
        self.waits += 1
        return super().wait(timeout)


t = Tracked()
with t:
    t.wait_for(lambda: False, 0.02)
print("subclass lock:", type(t._lock).__name__, "waits counted:", t.waits > 0)
print("isinstance:", isinstance(t, threading.Condition), threading.Condition.__module__)
c = threading.Condition(threading.Lock())
c.note = "attr"
print("instance attr:", c.note, "repr:", repr(c).startswith("<Condition(<unlocked _thread.lock object"))
