# Semaphore bounds how many threads are inside at once.
import threading
import time

sem = threading.Semaphore(3)
lock = threading.Lock()
inside = 0
peak = 0
entered = 0

def worker():
    global inside, peak, entered
    for _ in range(5):
        with sem:
            with lock:
                inside += 1
                entered += 1
                peak = max(peak, inside)
            time.sleep(0.001)
            with lock:
                inside -= 1

ts = [threading.Thread(target=worker) for _ in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print("entered:", entered, "peak <= 3:", peak <= 3, "inside now:", inside)

s = threading.Semaphore(2)
print(s.acquire(), s.acquire(), s.acquire(blocking=False), s.acquire(timeout=0.01))
s.release()
s.release(2)                 # release(n) in 3.9+
print("after releases:", [s.acquire(blocking=False) for _ in range(4)])
s0 = threading.Semaphore(0)
print("zero semaphore:", s0.acquire(blocking=False))
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    s.release(0)
except ValueError as e:
    print("ValueError:", e)
# a plain Semaphore may be released above its initial value
u = threading.Semaphore(1)
u.release(); u.release()
print("unbounded count:", sum(u.acquire(blocking=False) for _ in range(5)))
