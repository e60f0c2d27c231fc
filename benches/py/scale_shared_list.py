# Scaling workload (c1): N threads appending to one shared list (each
# list.append is one atomic step). Usage: scale_shared_list.py N W -- each
# thread appends W small ints. The checksum proves no append was lost.
import sys
import threading
import time


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 3000000
    shared = []

    def work(tid):
        append = shared.append
        for i in range(w):
            append(i & 1023)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    ok = len(shared) == n * w and sum(shared) == n * sum(i & 1023 for i in range(w))
    print("checksum:", len(shared), "exact" if ok else "LOST UPDATES")
    print("elapsed:", "%.6f" % elapsed)


main()
