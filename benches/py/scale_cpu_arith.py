# Scaling workload (a1): pure-Python CPU-bound arithmetic loop, nothing shared.
# Usage: scale_cpu_arith.py N W   -- N threads, each running W loop iterations.
# Prints "checksum: ..." and "elapsed: SECONDS" (threads started to threads joined).
from _harness import run_threads

def work(tid, w):
    acc = tid
    x = 1.0
    for i in range(w):
        acc = (acc * 31 + i) % 1000003
        if acc & 7 == 0:
            x = x * 0.5 + i % 13
    return acc + int(x)

run_threads(work, 8000000)
