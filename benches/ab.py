#!/usr/bin/env python3
"""Paired A/B timing of two interpreter binaries on one benchmark program.

This machine's speed drifts by up to 1.5x within minutes, so two binaries
timed minutes apart cannot be compared. Here they run alternately (A B, then
B A, ...), and each round gives the ratio B/A of two runs taken seconds
apart; the median of those ratios is the figure to report.

Usage: python3 benches/ab.py ROUNDS BIN_A BIN_B PROGRAM [ARGS...]
  PROGRAM is a path under benches/py; its time is the "elapsed: SECONDS" line it
  prints, or else the wall time of the whole process. E.g. python3 benches/ab.py 20 /tmp/old-protopy target/release/protopy scale_alloc.py 1 300000
"""
import os
import statistics
import subprocess
import sys
import time

PY_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "py")

# Both binaries run with one fixed str hash seed (unless the caller sets
# another): ProtoPy randomizes str hashes per process as CPython does, and
# where small dicts' keys collide differs from seed to seed, so a random seed
# per run adds its own spread (scale_alloc.py 2: 1.12 with random seeds,
# 1.05 with seed 0, same binaries). Binaries from before hash randomization
# hash as seed 0 does.
ENV = dict(os.environ)
ENV.setdefault("PYTHONHASHSEED", "0")


def elapsed(binary, argv):
    t0 = time.perf_counter()
    proc = subprocess.run([binary] + argv, capture_output=True, text=True, cwd=PY_DIR, env=ENV)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"{binary} {' '.join(argv)} failed:\n{proc.stderr}")
    for line in proc.stdout.splitlines():
        if line.startswith("elapsed:"):
            return float(line.split()[1])
    return wall


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    a, b = (os.path.abspath(p) for p in sys.argv[2:4])
    argv = sys.argv[4:]
    times = {a: [], b: []}
    ratios = []
    for r in range(rounds):
        order = (a, b) if r % 2 == 0 else (b, a)
        cur = {x: elapsed(x, argv) for x in order}
        for x in order:
            times[x].append(cur[x])
        ratios.append(cur[b] / cur[a])
    for label, x in (("A", a), ("B", b)):
        v = times[x]
        print(f"{label} {x}: min {min(v):.3f}s median {statistics.median(v):.3f}s")
    ratios.sort()
    q = len(ratios) // 4
    print(f"B/A per round: median {statistics.median(ratios):.3f} "
          f"(q1 {ratios[q]:.3f}, q3 {ratios[-1 - q]:.3f}, {rounds} rounds)")


if __name__ == "__main__":
    main()
