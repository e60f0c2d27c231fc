# Memory workload: eval("1 + n") in a loop (the same text every time).
# Usage: mem_eval_expr.py SECONDS; prints "iterations: N".
import sys
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
deadline = time.monotonic() + SECONDS
n = 0
total = 0
while time.monotonic() < deadline:
    total += eval("1 + n")
    n += 1
assert total == n + (n - 1) * n // 2, (total, n)
print("iterations:", n)
