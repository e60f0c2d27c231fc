# threading.Condition: ownership checks over each _thread lock, timeouts,
# notify counts, RLock levels kept across a wait, subclasses, and the
# library classes built on Condition (locks written in Python:
# condition_lock_kinds.py).
import threading
import queue
import time

# Ownership and errors.
for lock in (None, threading.Lock(), threading.RLock()):
    c = threading.Condition(lock)
    print(type(lock).__name__, c._is_owned())
    for meth in (c.notify, c.notify_all, c.wait):
        try:
            meth()
        except RuntimeError as e:
            print(" ", meth.__name__, "RuntimeError:", e)
    with c:
        print("  owned", c._is_owned(), "wait(0):", c.wait(0), "wait(0.01):", c.wait(0.01))
        print("  wait_for:", c.wait_for(lambda: 0, timeout=0.01), c.wait_for(lambda: "yes"))
    print("  after", c._is_owned())

try:
    threading.Condition(object())
except AttributeError as e:
    print("AttributeError:", e)

# An RLock held three levels deep is released entirely by wait and comes
# back at the same depth.
r = threading.RLock()
c = threading.Condition(r)
box = []
def waker():
    with c:
        box.append(r._is_owned())
        c.notify()
with c, c, c:
    t = threading.Thread(target=waker)
    t.start()
    print("woken:", c.wait(5))
    print("levels kept:", repr(r).split()[4:6])
t.join()
print("waker saw the lock free of us:", box)

# notify(n) wakes exactly n of the waiters; notify_all the rest. Waiters
# announce themselves on a second condition, so that no notify of theirs
# wakes another waiter.
c = threading.Condition()
ready = threading.Condition(threading.Lock())
state = {"ready": 0, "woke": 0}
def waiter():
    with c:
        with ready:
            state["ready"] += 1
            ready.notify()
        c.wait()
        state["woke"] += 1
ws = [threading.Thread(target=waiter) for _ in range(5)]
for w in ws:
    w.start()
with ready:
    ready.wait_for(lambda: state["ready"] == 5)
with c:
    # Every waiter has released c inside wait() once we hold it here.
    c.notify(2)
deadline = time.time() + 5
while time.time() < deadline:
    with c:
        if state["woke"] >= 2:
            break
    time.sleep(0.001)
time.sleep(0.05)
with c:
    print("after notify(2):", state["woke"])
    c.notify_all()
for w in ws:
    w.join()
print("after notify_all:", state["woke"])

# Subclasses see their own overrides, and the instance has a __dict__.
class Counted(threading.Condition):
    notifies = 0
    def notify(self, n=1):
        Counted.notifies += 1
        super().notify(n)
q = queue.Queue()
q.not_empty = Counted(q.mutex)
c2 = Counted()
c2.tag = "x"
print("subclass:", isinstance(c2, threading.Condition), c2.tag)
for i in range(3):
    q.put(i)
print("queue items:", [q.get() for _ in range(3)], "notifies:", Counted.notifies)

# Library classes built on Condition.
q = queue.Queue(maxsize=10)
N, W = 3, 2000
def produce():
    for i in range(W):
        q.put(i)
got = []
def consume():
    s = 0
    for _ in range(W):
        s += q.get()
        q.task_done()
    got.append(s)
ts = [threading.Thread(target=produce) for _ in range(N)] + \
     [threading.Thread(target=consume) for _ in range(N)]
for t in ts:
    t.start()
q.join()
for t in ts:
    t.join()
print("queue sum exact:", sum(got) == N * W * (W - 1) // 2)

sem = threading.BoundedSemaphore(2)
print("semaphore:", sem.acquire(), sem.acquire(), sem.acquire(timeout=0.01))
sem.release(); sem.release()
try:
    sem.release()
except ValueError as e:
    print("ValueError:", e)

ev = threading.Event()
print("event:", ev.wait(0.01), ev.is_set())
threading.Timer(0.01, ev.set).start()
print("event set by timer:", ev.wait(5))

b = threading.Barrier(4)
idx = []
ts = [threading.Thread(target=lambda: idx.append(b.wait())) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier indices:", sorted(idx))

print(repr(threading.Condition(threading.Lock())).split("<")[1:2], repr(threading.Condition()).endswith(", 0)>"))
try:
    threading.Condition().wait_for(lambda: False, timeout="x")
except Exception as e:
    print(type(e).__name__)
