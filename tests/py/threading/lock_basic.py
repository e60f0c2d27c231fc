# Lock: acquire/release, locked(), non-blocking acquire, context manager, errors.
import threading

lock = threading.Lock()
print("locked:", lock.locked())
print("acquire:", lock.acquire())
print("locked:", lock.locked())
print("non-blocking while held:", lock.acquire(False))
print("non-blocking kw:", lock.acquire(blocking=False))
lock.release()
print("after release:", lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("release unlocked:", e)

with lock:
    print("in with:", lock.locked())
print("after with:", lock.locked())

try:
    with lock:
        raise KeyError("boom")
except KeyError as e:
    print("exception in with released:", not lock.locked(), repr(e))

# A lock may be released by a thread other than the one that acquired it.
lock.acquire()
t = threading.Thread(target=lock.release)
t.start(); t.join()
print("released by another thread:", not lock.locked())

# errors on bad arguments
for kwargs in ({"blocking": False, "timeout": 1}, {"timeout": -5}):
    try:
        lock.acquire(**kwargs)
    except ValueError as e:
        print("ValueError:", e)
print("timeout=-1 means forever:", lock.acquire(timeout=-1)); lock.release()
print("type name:", type(lock).__name__)
