# Scaling workload (d1): ThreadPoolExecutor(max_workers=N).map over N*W small tasks
# (W defaults to 10,000 tasks per worker thread). Results come back in order.
# Usage: scale_executor_map.py N W
import sys
import time
from concurrent.futures import ThreadPoolExecutor

def task(i):
    acc = i
    for k in range(400):
        acc = (acc * 7 + k) % 10007
    return acc

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    items = range(n * w)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=n) as ex:
        results = list(ex.map(task, items, chunksize=1))
    elapsed = time.perf_counter() - t0
    print("checksum:", len(results), sum(results), results[:3] == [task(0), task(1), task(2)])
    print("elapsed:", "%.6f" % elapsed)

main()
