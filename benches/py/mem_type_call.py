# Memory workload: a class made by type() with a method and a class
# attribute, and one instance of it with an attribute, every iteration.
# Usage: mem_type_call.py SECONDS; prints "iterations: N".
import sys
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0


def get(self):
    return self.k + self.v


def run(deadline):
    n = 0
    total = 0
    while time.monotonic() < deadline:
        C = type("C", (object,), {"k": n, "get": get})
        o = C()
        o.v = 1
        total += o.get()
        n += 1
    assert total == n + (n - 1) * n // 2, (total, n)
    return n


print("iterations:", run(time.monotonic() + SECONDS))
