# Shared driver of the scaling workloads: runs work(tid, w) on N threads and
# prints the checksum and the wall time from start to join.
# Usage from a workload: run_threads(work, default_w[, check]); argv is "N W".
# Without `check` the checksum is the sum of the threads' results; with it,
# check(n, w, results) runs after the join and returns the checksum text
# (workloads on shared objects verify there that no update was lost).
import sys
import threading
import time


def run_threads(work, default_w, check=None):
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else default_w
    results = [0] * n

    def run(tid):
        results[tid] = work(tid, w)

    threads = [threading.Thread(target=run, args=(t,)) for t in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    print("checksum:", sum(results) if check is None else check(n, w, results))
    print("elapsed:", "%.6f" % elapsed)
