# Memory workload: 4 threads, each storing a fresh 200-entry dict into one
# shared dict under its own key, replacing the one it stored last. The live
# data stays at 4 dicts; everything else is garbage.
# Usage: mem_shared_dict_4t.py SECONDS; prints "iterations: N".
import sys
import threading
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
THREADS = 4
shared = {}
counts = [0] * THREADS


def worker(tid, deadline):
    key = "thread-%d" % tid
    n = 0
    while time.monotonic() < deadline:
        d = {}
        for i in range(200):
            d[i] = (tid, n, i)
        shared[key] = d
        n += 1
    counts[tid] = n


deadline = time.monotonic() + SECONDS
threads = [threading.Thread(target=worker, args=(t, deadline)) for t in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for t in range(THREADS):
    d = shared["thread-%d" % t]
    assert len(d) == 200 and d[199] == (t, counts[t] - 1, 199), t
print("iterations:", sum(counts))
