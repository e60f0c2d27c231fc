# Scaling workload (a1): pure-Python CPU-bound arithmetic loop, nothing shared.
# Usage: scale_cpu_arith.py N W   -- N threads, each running W loop iterations.
# Prints "checksum: ..." and "elapsed: SECONDS" (threads started to threads joined).
import sys
import threading
import time

def work(tid, w):
    acc = tid
    x = 1.0
    for i in range(w):
        acc = (acc * 31 + i) % 1000003
        if acc & 7 == 0:
            x = x * 0.5 + i % 13
    return acc + int(x)

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 8000000
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
    print("checksum:", sum(results))
    print("elapsed:", "%.6f" % elapsed)

main()
