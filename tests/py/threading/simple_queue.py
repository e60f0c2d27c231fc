# queue.SimpleQueue: unbounded FIFO without task tracking.
import queue
import threading

sq = queue.SimpleQueue()
print("empty:", sq.empty(), "qsize:", sq.qsize())
for x in (3, 1, 2):
    sq.put(x)
sq.put_nowait(4)
print("qsize:", sq.qsize(), [sq.get() for _ in range(3)], sq.get_nowait())
try:
    sq.get(timeout=0.02)
except queue.Empty:
    print("Empty after timeout")
try:
    sq.get_nowait()
except queue.Empty:
    print("Empty nowait")
print("has task_done:", hasattr(sq, "task_done"))

lock = threading.Lock()
got = []
def consume():
    while True:
        x = sq.get()
        if x is None:
            return
        with lock:
            got.append(x)
cs = [threading.Thread(target=consume) for _ in range(3)]
for c in cs: c.start()
for i in range(1000):
    sq.put(i)
for _ in cs: sq.put(None)
for c in cs: c.join()
print("consumed:", len(got), sorted(got) == list(range(1000)))
