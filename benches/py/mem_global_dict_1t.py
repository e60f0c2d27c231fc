# Memory workload: one thread storing a fresh 200-entry dict into a module
# global, replacing the last one.
# Usage: mem_global_dict_1t.py SECONDS; prints "iterations: N".
import sys
import threading
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
latest = None
count = 0


def worker(deadline):
    global latest, count
    n = 0
    while time.monotonic() < deadline:
        d = {}
        for i in range(200):
            d[i] = (n, i)
        latest = d
        n += 1
    count = n


t = threading.Thread(target=worker, args=(time.monotonic() + SECONDS,))
t.start()
t.join()
assert len(latest) == 200 and latest[199] == (count - 1, 199)
print("iterations:", count)
