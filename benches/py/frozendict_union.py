# Timing check for frozendict's persistent storage (issue 24): the time of
# one `fd | {k: v}` on frozendicts of 10,000, 100,000 and 1,000,000 entries.
# Each union adds one new key to the same base frozendict and shares the
# rest of its storage, so the time per union should stay flat as the base
# grows (a copying implementation grows linearly). Also times building the
# base from a dict, for scale. The base is measured local to the thread and
# then published (shared). ProtoPy only (CPython 3.11 has no frozendict).
# Usage: protopy benches/py/frozendict_union.py [unions per size]
import sys
import time


def per_union(fd, n, unions):
    # Runs in a function: locals stay local to the thread (no promotion of
    # each new version through module globals).
    t0 = time.perf_counter()
    last = fd
    for i in range(unions):
        last = fd | {n + i: i}
    elapsed = time.perf_counter() - t0
    assert len(last) == n + 1 and last[n + unions - 1] == unions - 1
    assert len(fd) == n
    return elapsed / unions


PUBLISHED = None


def main():
    global PUBLISHED
    unions = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    for n in (10_000, 100_000, 1_000_000):
        t0 = time.perf_counter()
        fd = frozendict({i: i for i in range(n)})
        build = time.perf_counter() - t0
        local = min(per_union(fd, n, unions) for _ in range(3))
        # Published (a module global: shared), as a table read by many
        # threads would be: a thread's local collections no longer trace it.
        PUBLISHED = fd
        shared = min(per_union(fd, n, unions) for _ in range(3))
        print("n=%9d  build %.3f s  union %.2f us (local base)  %.2f us (shared base)"
              % (n, build, local * 1e6, shared * 1e6))
        PUBLISHED = fd = None


main()
