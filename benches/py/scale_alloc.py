# Scaling workload (e): N threads each building and discarding many short-lived
# objects (instances, lists, dicts, tuples, strs), keeping a small ring of survivors
# so the collector has live data to trace while other threads allocate.
# Usage: scale_alloc.py N W   -- each thread runs W iterations.
import sys
import threading
import time

class Node:
    def __init__(self, value, nxt):
        self.value = value
        self.next = nxt
        self.tags = [value, value + 1]

def work(tid, w):
    ring = [None] * 64
    acc = 0
    head = None
    for i in range(w):
        head = Node(i, head if i % 8 else None)      # short chains, dropped every 8
        pair = (i, tid, [i] * 3)
        info = {"id": i, "pair": pair, "name": "n" + str(i & 255)}
        ring[i & 63] = info                          # survives 64 iterations
        acc += len(info["name"]) + head.tags[1] % 7 + len(pair[2])
    return acc + sum(r["id"] for r in ring) % 1000

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    w = int(sys.argv[2]) if len(sys.argv) > 2 else 900000
    results = [0] * n
    def run(tid):
        results[tid] = work(tid, w)
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
