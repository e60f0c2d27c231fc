# Scaling workload (b1): N threads reading one shared 10-million-element tuple.
# The tuple is built once by the main thread before timing starts.
# Usage: scale_scan_tuple.py N W   -- each thread reads W elements (iterating and
# indexing), starting at a different offset and wrapping around.
import sys
import threading
import time

SIZE = 10000000

def work(shared, tid, w):
    size = len(shared)
    start = (tid * 7919) % size
    acc = 0
    # half the elements by iteration, half by indexing
    it_count = w // 2
    i = 0
    for x in shared:
        if i >= it_count:
            break
        acc += x & 15
        i += 1
    pos = start
    for _ in range(w - it_count):
        acc += shared[pos] & 7
        pos += 1
        if pos == size:
            pos = 0
    return acc

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 12000000
    shared = tuple(range(SIZE))
    results = [0] * n
    def run(tid):
        results[tid] = work(shared, tid, w)
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
