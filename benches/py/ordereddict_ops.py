# Per-operation times of collections.OrderedDict (issue 24: the native,
# table-ordered OrderedDict): stores and lookups, LRU moves to the end,
# FIFO insert + popitem(last=False), moves to the front, iteration of
# items() and construction from pairs. Best of 3 per line, in ns per
# operation; run under ProtoPy and /usr/bin/python3 alternately and compare.
# Usage: protopy benches/py/ordereddict_ops.py
import time, sys
from collections import OrderedDict
def t(label, f, n):
    best = 1e9
    for _ in range(3):
        t0 = time.perf_counter(); f(n); best = min(best, time.perf_counter() - t0)
    print("%-22s %8.1f ns/op" % (label, best / n * 1e9))
def setget(n):
    od = OrderedDict()
    for i in range(n):
        od[i] = i
    s = 0
    for i in range(n):
        s += od[i]
def lru(n):
    od = OrderedDict((i, i) for i in range(128))
    for i in range(n):
        k = (i * 7) & 127
        od.move_to_end(k)
def fifo(n):
    od = OrderedDict()
    for i in range(n):
        od[i] = i
        if len(od) > 100:
            od.popitem(last=False)
def front(n):
    od = OrderedDict((i, i) for i in range(1000))
    for i in range(n):
        od.move_to_end((i * 13) % 1000, last=False)
def iterate(n):
    od = OrderedDict((i, i) for i in range(1000))
    for _ in range(n // 1000):
        for k, v in od.items():
            pass
def build(n):
    for _ in range(n // 100):
        OrderedDict(zip(range(100), range(100)))
t("setitem+getitem", setget, 200000)
t("move_to_end (LRU)", lru, 200000)
t("insert+popitem(False)", fifo, 200000)
t("move_to_end(last=False)", front, 200000)
t("iterate items", iterate, 1000000)
t("construct 100 pairs", build, 200000)
