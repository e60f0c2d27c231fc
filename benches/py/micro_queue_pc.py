"""A producer thread puts N items on a bounded queue.Queue; a consumer gets them."""
import queue
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
q = queue.Queue(maxsize=100)
total = 0


def produce():
    for i in range(N):
        q.put(i)
    q.put(None)


def consume():
    global total
    while (x := q.get()) is not None:
        total += x


t0 = time.perf_counter()
ts = [threading.Thread(target=produce), threading.Thread(target=consume)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert total == N * (N - 1) // 2, total
print("elapsed:", time.perf_counter() - t0)
