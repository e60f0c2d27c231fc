# Lock.acquire(timeout=...) gives up when another thread holds the lock.
import threading
import time

lock = threading.Lock()
held = threading.Event()
release = threading.Event()

def holder():
    with lock:
        held.set()
        release.wait()

t = threading.Thread(target=holder)
t.start()
held.wait()
start = time.monotonic()
got = lock.acquire(timeout=0.05)
waited = time.monotonic() - start
print("got while held:", got, "waited long enough:", waited >= 0.04)
print("zero timeout:", lock.acquire(timeout=0))
release.set()
got = lock.acquire(timeout=5)
print("got after release:", got)
lock.release()
t.join()

# A waiter blocked in acquire() wakes up when the lock is released.
order = []
lock.acquire()
def waiter():
    with lock:
        order.append("waiter")
w = threading.Thread(target=waiter)
w.start()
order.append("main releases")
lock.release()
w.join()
print(order)
