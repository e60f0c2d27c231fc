# Memory workload: one native loop (map consumed by any) calling a small
# Python function that drops a fresh list at every call, for the whole run.
# The function has no loop and makes no call of its own, so the only chance
# to collect is where the native loop enters it.
# Usage: mem_native_callback.py SECONDS; prints "iterations: N".
import itertools
import sys
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0


def run(deadline):
    now = time.monotonic
    counted = [0]

    def step(i, now=now, deadline=deadline, counted=counted):
        counted[0] = i + 1
        return len([i, i, i]) != 3 or (i & 1023 == 0 and now() > deadline)

    any(map(step, itertools.count()))
    return counted[0]


print("iterations:", run(time.monotonic() + SECONDS))
