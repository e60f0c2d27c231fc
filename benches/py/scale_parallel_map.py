# Scaling workload (d2): protopy.parallel_map(func, iterable, chunksize) over N*W
# small tasks (W defaults to 10,000). ProtoPy only: under CPython, where there is
# no protopy module, it prints a note and "skipped" instead of a checksum.
# parallel_map picks its own worker count; when it accepts max_workers=N it is given N.
# Usage: scale_parallel_map.py N W [CHUNKSIZE]
import sys
import time

try:
    import protopy
    parallel_map = protopy.parallel_map
except (ImportError, AttributeError):
    parallel_map = None

def task(i):
    acc = i
    for k in range(400):
        acc = (acc * 7 + k) % 10007
    return acc

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    chunk = int(sys.argv[3]) if len(sys.argv) > 3 else None
    if parallel_map is None:
        print("note: protopy.parallel_map is not available in this interpreter")
        print("skipped")
        return
    items = range(n * w)
    t0 = time.perf_counter()
    try:
        results = parallel_map(task, items, chunksize=chunk, max_workers=n)
    except TypeError:
        t0 = time.perf_counter()
        results = parallel_map(task, items, chunksize=chunk)
    elapsed = time.perf_counter() - t0
    results = list(results)
    print("checksum:", len(results), sum(results), results[:3] == [task(0), task(1), task(2)])
    print("elapsed:", "%.6f" % elapsed)

main()
