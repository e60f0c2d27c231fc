# Scaling workload (e): N threads each building and discarding many short-lived
# objects (instances, lists, dicts, tuples, strs), keeping a small ring of survivors
# so the collector has live data to trace while other threads allocate.
# Usage: scale_alloc.py N W   -- each thread runs W iterations.
from _harness import run_threads

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

run_threads(work, 900000)
