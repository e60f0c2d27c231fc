# threading._PyRLock, the reentrant lock written in Python: reentry, its
# repr (owner shown by thread name), errors, and use under a Condition.
import threading

R = threading._PyRLock
r = R()


def show(lock):
    print(repr(lock).replace(hex(id(lock)), "0xADDR"))


show(r)
print(r.acquire(), r.acquire(), r._is_owned())
show(r)
r.release()
r.release()
show(r)
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with r:
    print("in with:", r._is_owned())
print(r.acquire(blocking=False))
seen = []


def other():
    seen.append(r.acquire(False))
    seen.append(r.acquire(timeout=0.01))
    seen.append(r._is_owned())
    try:
        r.release()
    except RuntimeError as e:
        seen.append(str(e))


t = threading.Thread(target=other)
t.start()
t.join()
print(seen)
r.release()
print(R is threading._RLock, type(threading.RLock()) is not R)

cond = threading.Condition(R())
box = []


def producer():
    with cond:
        box.append("item")
        cond.notify()


with cond:
    with cond:                      # held twice: wait() releases both levels
        t = threading.Thread(target=producer)
        t.start()
        print("woken:", cond.wait_for(lambda: box, timeout=10), cond._is_owned())
t.join()
print(box, cond._lock._count)
