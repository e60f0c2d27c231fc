# Memory workload: a local class, an instance of it and setattr() of a new
# attribute name ("attr_<n>") on the instance, every iteration. Every name
# is used once.
# Usage: mem_setattr_names.py SECONDS; prints "iterations: N".
import sys
import time

SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0


def step(n):
    class Local:
        def __init__(self):
            self.base = 1

    o = Local()
    name = "attr_%d" % n
    setattr(o, name, n)
    return getattr(o, name) + o.base


def run(deadline):
    n = 0
    total = 0
    while time.monotonic() < deadline:
        total += step(n)
        n += 1
    assert total == n + (n - 1) * n // 2, (total, n)
    return n


print("iterations:", run(time.monotonic() + SECONDS))
