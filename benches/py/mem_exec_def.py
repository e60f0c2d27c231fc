# Memory workload: exec() of a fresh function text every iteration (the
# counter is in the text, so every text is compiled anew), then a call of
# the function it defined.
# Usage: mem_exec_def.py SECONDS; prints "iterations: N".
import sys
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0


def run(deadline):
    ns = {}
    n = 0
    total = 0
    while time.monotonic() < deadline:
        exec("def f(x):\n    y = x * 3\n    return y + %d\n" % n, ns)
        total += ns["f"](n)
        n += 1
    # f(n) = 3n + n = 4n, summed over 0..n-1
    assert total == 4 * (n - 1) * n // 2, (total, n)
    return n


print("iterations:", run(time.monotonic() + SECONDS))
