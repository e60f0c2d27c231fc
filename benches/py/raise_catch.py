# Single-thread micro benchmark: a function that raises, caught by its caller, once per call
# (exception object, traceback entry, frame of the raising call). Also a native call per
# iteration that raises (int("x")) and a plain call that does not raise, for comparison.
# Usage: raise_catch.py [ITERS]   (default 200000) prints a checksum.
import sys


def check(i, limit):
    scratch = i * 2
    if scratch >= limit:
        raise ValueError(i)
    return scratch


def run(iters):
    caught = 0
    total = 0
    for i in range(iters):
        try:
            total += check(i, 0)
        except ValueError as e:
            caught += 1
        try:
            int("x")
        except ValueError:
            caught += 1
        total += check(i, iters * 4)
    return caught, total


iters = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
print("checksum:", run(iters))
