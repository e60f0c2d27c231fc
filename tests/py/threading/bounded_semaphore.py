# BoundedSemaphore refuses to be released above its initial value.
import threading

b = threading.BoundedSemaphore(2)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("over-release:", e)
b.acquire(); b.acquire()
b.release(2)
try:
    b.release(1)
except ValueError as e:
    print("over-release after release(2):", e)
b.acquire()
try:
    b.release(2)
except ValueError as e:
    print("release(2) with one held:", e)
print("still usable:", b.acquire(blocking=False), b.acquire(blocking=False), b.acquire(blocking=False))

# threads sharing a BoundedSemaphore(1) as a mutex keep an exact count
mutex = threading.BoundedSemaphore(1)
count = [0]
def work():
    for _ in range(2000):
        with mutex:
            count[0] += 1
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("count:", count[0])
print("default value 1:", threading.BoundedSemaphore().acquire(blocking=False))
