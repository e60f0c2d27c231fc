# Builtins that consume an iterable item by item, against a plain loop: the
# per-item cost of generators drained by sum/any/max/list, of a Python for
# loop over a generator, and of min/max over lists and with a key.
# Usage: builtin_consumers.py [REPS]   (default 30); prints one line per case
# with the median time in ms of REPS runs over 100,000 items (10**6 for the
# min/max cases), and a checksum line both interpreters must agree on.
import statistics
import sys
import time

REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
L = list(range(100_000))
BIG = list(range(10**6))
T = tuple(BIG)


def gen():
    for y in L:
        yield y


def for_in_gen():
    acc = 0
    for x in gen():
        acc += x
    return acc


CASES = [
    ("for x in gen()", for_in_gen),
    ("sum(gen())", lambda: sum(gen())),
    ("sum(genexpr)", lambda: sum(x for x in L)),
    ("any(genexpr)", lambda: any(x < 0 for x in L)),
    ("max(genexpr)", lambda: max(x for x in L)),
    ("list(genexpr)", lambda: len(list(x for x in L))),
    ("max(list), min(tuple)", lambda: (max(BIG), min(T))),
    ("max(range)", lambda: max(range(10**6))),
    ("max(list, key=)", lambda: max(BIG, key=lambda x: -x)),
]

checks = []
for name, fn in CASES:
    times = []
    for _ in range(REPS):
        t0 = time.perf_counter()
        r = fn()
        times.append(time.perf_counter() - t0)
    checks.append(r)
    print("%-24s %8.2f ms" % (name, statistics.median(times) * 1000))
print("checksum:", checks)
