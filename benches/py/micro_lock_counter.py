"""Two threads each add to a shared counter N times under one threading.Lock."""
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
lock = threading.Lock()
count = 0


def work():
    global count
    for _ in range(N):
        with lock:
            count += 1


t0 = time.perf_counter()
ts = [threading.Thread(target=work) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
assert count == 2 * N, count
print("elapsed:", time.perf_counter() - t0)
