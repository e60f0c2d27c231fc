# queue.Empty and queue.Full, with and without timeouts.
import queue
import threading
import time

q = queue.Queue(maxsize=1)
try:
    q.get_nowait()
except queue.Empty as e:
    print("get_nowait on empty:", type(e).__name__, repr(str(e)))
try:
    q.get(block=False)
except queue.Empty:
    print("get(block=False) empty")
start = time.monotonic()
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("get timeout waited:", time.monotonic() - start >= 0.04)

q.put(1)
try:
    q.put_nowait(2)
except queue.Full:
    print("put_nowait on full")
start = time.monotonic()
try:
    q.put(2, timeout=0.05)
except queue.Full:
    print("put timeout waited:", time.monotonic() - start >= 0.04)
try:
    q.put(2, True, -1)
except ValueError as e:
    print("ValueError:", e)
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)

# a blocked get() is woken by a put from another thread within its timeout
q2 = queue.Queue()
def later():
    time.sleep(0.02)
    q2.put("arrived")
t = threading.Thread(target=later); t.start()
print(q2.get(timeout=10))
t.join()
# a blocked put() is woken by a get
q.get()
q.put("x")
def taker():
    time.sleep(0.02)
    q.get()
t = threading.Thread(target=taker); t.start()
q.put("y", timeout=10)
t.join()
print("put after get:", q.get())
print("Empty/Full are Exceptions:", issubclass(queue.Empty, Exception), issubclass(queue.Full, Exception))
