# _thread: start_new_thread, allocate_lock, get_ident, error.
import _thread
import threading

lock = _thread.allocate_lock()
done = _thread.allocate_lock()
done.acquire()
results = []

def body(a, b, c=0):
    # `done` is released after `lock` is, so the main thread never sees the
    # lock still held by a worker (deterministic with or without a GIL).
    with lock:
        results.append(a + b + c)
        last = len(results) == 3
    if last:
        done.release()

ident = _thread.start_new_thread(body, (1, 2))
print("ident is int:", isinstance(ident, int))
_thread.start_new_thread(body, (10, 20), {"c": 300})
_thread.start_new_thread(body, (100, 200))
done.acquire()
print(sorted(results))

print("lock type:", type(lock) is _thread.LockType)
print("locked:", lock.locked(), lock.acquire(0), lock.locked())
lock.release()
print("error is RuntimeError:", _thread.error is RuntimeError)
try:
    lock.release()
except RuntimeError as e:
    print("release unlocked:", e)
print("get_ident matches:", _thread.get_ident() == threading.get_ident())
r = _thread.RLock()
r.acquire(); r.acquire(); r.release(); r.release()
print("RLock ok")
try:
    _thread.start_new_thread(body, [1, 2])
except TypeError as e:
    print("TypeError:", e)
