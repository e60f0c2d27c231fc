# Scaling workload (c2): N threads storing into one shared dict (each
# d[k] = v is one atomic step) over a fixed key set. Usage:
# scale_shared_dict.py N W -- each thread does W stores; thread t stores
# its last value under keys congruent to t, so the final dict is exact.
import sys
import threading
import time

KEYS = 4096


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 3000000
    shared = {}

    def work(tid):
        d = shared
        for i in range(w):
            d[(i * n + tid) % KEYS] = i

    threads = [threading.Thread(target=work, args=(t,)) for t in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    # When n divides KEYS, key k is written by thread k % n alone, so its
    # final value is that thread's last i for it: the dict is exact.
    ok = len(shared) == min(KEYS, n * w)
    if KEYS % n == 0:
        expected = {}
        for tid in range(n):
            for i in range(max(0, w - KEYS), w):
                expected[(i * n + tid) % KEYS] = i
        ok = ok and shared == expected
    print("checksum:", len(shared), sum(shared.values()) % 1000003, "exact" if ok else "LOST UPDATES")
    print("elapsed:", "%.6f" % elapsed)


main()
