# Scaling workload (c5): N threads reading one deeply frozen dict of
# 1,000,000 entries (`protopy.freeze(d)` on a plain dict; frozen objects
# are read with no lock and no write to a shared cache line). Usage:
# scale_frozen_dict_read.py N W [frozendict] -- each thread does W lookups,
# spread over the whole table. With "frozendict" the table is the builtin
# `frozendict` (PEP 814) instead. CPython, which has no `protopy` module,
# reads the same dict unfrozen (and skips the frozendict variant), so its
# column is the plain shared-dict read.
import sys

from _harness import run_threads

SIZE = 1000000
variant = sys.argv[3] if len(sys.argv) > 3 else "freeze"
table = {i: i * 3 for i in range(SIZE)}
if variant == "frozendict":
    try:
        table = frozendict(table)
    except NameError:
        print("note: no frozendict builtin in this interpreter")
        print("skipped")
        sys.exit(0)
else:
    try:
        import protopy
        protopy.freeze(table)
        assert protopy.isfrozen(table)
    except ImportError:
        pass


def work(tid, w):
    d = table
    acc = 0
    k = (tid * 7919) % SIZE
    for _ in range(w):
        acc += d[k]
        k += 104729
        if k >= SIZE:
            k -= SIZE
    return acc


run_threads(work, 6000000)
