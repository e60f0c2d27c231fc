# Scaling workload (c3): N threads incrementing one counter under one
# threading.Lock. Usage: scale_lock_counter.py N W -- each thread does W
# increments; the final count must be N * W exactly.
import sys
import threading
import time


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    lock = threading.Lock()
    box = [0]

    def work():
        for _ in range(w):
            with lock:
                box[0] += 1

    threads = [threading.Thread(target=work) for _ in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    print("checksum:", box[0], "exact" if box[0] == n * w else "LOST UPDATES")
    print("elapsed:", "%.6f" % elapsed)


main()
