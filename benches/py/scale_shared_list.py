# Scaling workload (c1): N threads appending to one shared list (each
# list.append is one atomic step). Usage: scale_shared_list.py N W -- each
# thread appends W small ints. The checksum proves no append was lost.
from _harness import run_threads

shared = []


def work(tid, w):
    append = shared.append
    for i in range(w):
        append(i & 1023)


def check(n, w, results):
    ok = len(shared) == n * w and sum(shared) == n * sum(i & 1023 for i in range(w))
    return "%d %s" % (len(shared), "exact" if ok else "LOST UPDATES")


run_threads(work, 10000000, check)
