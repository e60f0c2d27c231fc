# Scaling workload (c2): N threads storing into one shared dict (each
# d[k] = v is one atomic step) over a fixed key set. Usage:
# scale_shared_dict.py N W -- each thread does W stores.
import sys

from _harness import run_threads

KEYS = 4096
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1
shared = {}


def work(tid, w):
    d = shared
    for i in range(w):
        d[(i * N + tid) % KEYS] = i


def check(n, w, results):
    # When n divides KEYS, key k is written by thread k % n alone, so its
    # final value is that thread's last i for it: the dict is exact.
    ok = len(shared) == min(KEYS, n * w)
    if KEYS % n == 0:
        expected = {}
        for tid in range(n):
            for i in range(max(0, w - KEYS), w):
                expected[(i * n + tid) % KEYS] = i
        ok = ok and shared == expected
    return "%d %d %s" % (len(shared), sum(shared.values()) % 1000003,
                         "exact" if ok else "LOST UPDATES")


run_threads(work, 6000000, check)
