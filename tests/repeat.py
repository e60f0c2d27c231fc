#!/usr/bin/env python3
"""Runs one golden program many times in a row and checks every run.

Usage: python3 tests/repeat.py PROGRAM.py [--runs N] [--protopy PATH] [--timeout S] [--jobs J]

Each run's stdout and exit status must equal the blessed PROGRAM.out (and
PROGRAM.exit when present) exactly; a run that differs or exceeds the limit
(default 60 s, the golden runner's) counts as a failure and its output is
kept under /tmp/repeat-fail-K.txt. Prints the pass count and the run-time
distribution (min, median, 99th percentile, max): a concurrency bug shows as
a wrong output, a starvation or convoy as a long tail.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("program")
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--jobs", type=int, default=1)
    opts = ap.parse_args()
    prog = os.path.abspath(opts.program)
    base = prog[:-3]
    with open(base + ".out") as f:
        want_out = f.read()
    want_rc = 0
    if os.path.exists(base + ".exit"):
        with open(base + ".exit") as f:
            want_rc = int(f.read().strip() or 0)

    def one(k):
        t0 = time.perf_counter()
        try:
            p = subprocess.run([opts.protopy, prog], capture_output=True, text=True,
                               timeout=opts.timeout, cwd=os.path.dirname(prog))
        except subprocess.TimeoutExpired:
            return k, False, opts.timeout, "timeout"
        dt = time.perf_counter() - t0
        ok = p.stdout == want_out and p.returncode == want_rc
        detail = "" if ok else f"exit {p.returncode}\n--- stdout\n{p.stdout}\n--- stderr\n{p.stderr}"
        return k, ok, dt, detail

    times, failures = [], 0
    with ThreadPoolExecutor(opts.jobs) as ex:
        for k, ok, dt, detail in ex.map(one, range(opts.runs)):
            times.append(dt)
            if not ok:
                failures += 1
                path = f"/tmp/repeat-fail-{k}.txt"
                with open(path, "w") as f:
                    f.write(detail)
                print(f"run {k}: FAILED ({detail.splitlines()[0] if detail else ''}), see {path}",
                      flush=True)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"repeat: {opts.runs - failures}/{opts.runs} runs passed; seconds per run: "
          f"min {times[0]:.2f}, median {statistics.median(times):.2f}, p99 {p99:.2f}, "
          f"max {times[-1]:.2f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
