# Single-thread speed benchmark of collection with a large live heap: a dict of
# 1,000,000 strs stays alive while the program makes and drops 2,000,000
# two-item lists. A collector that marks the whole live heap on every cycle, or
# allocates into memory twice its size, pays for the dict again and again.
# Usage: big_heap_churn.py [ITEMS] [CHURN]   (defaults 1000000 and 2000000);
# prints the checksum and the elapsed time of the churn loop.
import sys
import time


def main(items, churn):
    d = {}
    for i in range(items):
        d[i] = str(i)
    t0 = time.perf_counter()
    acc = 0
    for j in range(churn):
        x = [j, j + 1]
        acc += len(x)
    elapsed = time.perf_counter() - t0
    print("checksum:", acc, len(d))
    print("elapsed:", "%.6f" % elapsed)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000000,
         int(sys.argv[2]) if len(sys.argv) > 2 else 2000000)
