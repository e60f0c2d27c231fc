# RLock: re-entrant acquisition, release counting, owner-only release.
import threading

r = threading.RLock()
print(r.acquire(), r.acquire(), r.acquire(blocking=False))
r.release(); r.release()
other = []
def try_take():
    other.append(r.acquire(blocking=False))
t = threading.Thread(target=try_take); t.start(); t.join()
print("other thread while held once:", other)
r.release()
t = threading.Thread(target=try_take); t.start(); t.join()
print("other thread after full release:", other)
# the worker still owns it (it never released): main cannot release it
try:
    r.release()
except RuntimeError as e:
    print("release by non-owner:", e)

r2 = threading.RLock()
try:
    r2.release()
except RuntimeError as e:
    print("release unacquired:", e)

# recursion under an RLock
lock = threading.RLock()
def fact(n):
    with lock:
        return 1 if n <= 1 else n * fact(n - 1)
print("fact(20):", fact(20))

# nested with-blocks across threads keep exact totals
total = [0]
def nested():
    for _ in range(1000):
        with lock:
            with lock:
                total[0] += 1
ts = [threading.Thread(target=nested) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("total:", total[0])
