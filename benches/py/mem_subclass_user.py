# Memory workload: a class statement deriving from a long-lived user class,
# and one instance of it, every iteration. The base class outlives every
# subclass, so nothing it keeps may hold them (CPython's __subclasses__
# holds weak references).
# Usage: mem_subclass_user.py SECONDS; prints "iterations: N".
import sys
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0


class Base:
    def __init__(self, v):
        self.v = v


def run(deadline):
    n = 0
    total = 0
    while time.monotonic() < deadline:
        class Derived(Base):
            k = n

            def get(self):
                return self.v + self.k

        total += Derived(1).get()
        n += 1
    assert total == n + (n - 1) * n // 2, (total, n)
    return n


print("iterations:", run(time.monotonic() + SECONDS))
