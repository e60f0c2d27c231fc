# Scaling workload (c4): N producer/consumer pairs over one queue.Queue.
# Usage: scale_queue.py N W -- N producers each put W ints, N consumers get
# until they see a sentinel; the sum of everything got must be exact.
import queue
import sys
import threading
import time


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 200000
    q = queue.Queue(maxsize=1000)
    sums = [0] * n

    def produce():
        put = q.put
        for i in range(w):
            put(i)

    def consume(tid):
        get = q.get
        s = 0
        while True:
            x = get()
            if x is None:
                break
            s += x
        sums[tid] = s

    producers = [threading.Thread(target=produce) for _ in range(n)]
    consumers = [threading.Thread(target=consume, args=(t,)) for t in range(n)]
    t0 = time.perf_counter()
    for t in producers + consumers:
        t.start()
    for t in producers:
        t.join()
    for _ in range(n):
        q.put(None)
    for t in consumers:
        t.join()
    elapsed = time.perf_counter() - t0
    ok = sum(sums) == n * (w * (w - 1) // 2)
    print("checksum:", sum(sums), "exact" if ok else "LOST ITEMS")
    print("elapsed:", "%.6f" % elapsed)


main()
