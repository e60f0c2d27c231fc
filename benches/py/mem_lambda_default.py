# Memory workload: a lambda with a default argument, made and called every
# iteration.
# Usage: mem_lambda_default.py SECONDS; prints "iterations: N".
import sys
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0


def run(deadline):
    n = 0
    total = 0
    while time.monotonic() < deadline:
        f = lambda x, k=n: x + k
        total += f(1)
        n += 1
    assert total == n + (n - 1) * n // 2, (total, n)
    return n


print("iterations:", run(time.monotonic() + SECONDS))
