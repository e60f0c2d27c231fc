# Scaling workload (c3): N threads incrementing one counter under one
# threading.Lock. Usage: scale_lock_counter.py N W -- each thread does W
# increments; the final count must be N * W exactly.
import threading

from _harness import run_threads

lock = threading.Lock()
box = [0]


def work(tid, w):
    for _ in range(w):
        with lock:
            box[0] += 1


def check(n, w, results):
    return "%d %s" % (box[0], "exact" if box[0] == n * w else "LOST UPDATES")


run_threads(work, 3000000, check)
