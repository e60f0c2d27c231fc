# Scaling workload (b2): N threads reading one shared 100 MB str.
# The str is built once by the main thread before timing starts.
# Usage: scale_scan_str.py N W   -- each thread does W work units; one unit is a
# str.count / str.find over a 1 MB window plus 20,000 single-character reads
# (s[i], ord) in Python. Windows start at different offsets per thread.
import sys
import threading
import time

SIZE = 100 * 1000 * 1000
WINDOW = 1000 * 1000
READS = 20000

def build():
    # a 1000-character pseudo-random ASCII block, repeated to 100 MB
    x = 12345
    chars = []
    for _ in range(1000):
        x = (x * 1103515245 + 12345) % 2147483648
        chars.append("abcdefghijklmnopqrstuvwxyz0123456789 "[x % 37])
    block = "".join(chars)
    return block * (SIZE // len(block))

def work(s, tid, w):
    size = len(s)
    acc = 0
    for u in range(w):
        lo = ((tid * 31 + u) * 7777777) % (size - WINDOW)
        hi = lo + WINDOW
        acc += s.count("e", lo, hi)
        acc += s.find("zz", lo, hi) & 0xFFFF
        i = lo
        for _ in range(READS):
            c = s[i]
            if c == "a":
                acc += 1
            acc += ord(c) & 3
            i += 37
    return acc

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 250
    s = build()
    results = [0] * n
    def run(tid):
        results[tid] = work(s, tid, w)
    threads = [threading.Thread(target=run, args=(t,)) for t in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    print("checksum:", sum(results), len(s))
    print("elapsed:", "%.6f" % elapsed)

main()
