#!/usr/bin/env python3
"""What the machine itself gives N simultaneous single-threaded programs.

Usage: python3 benches/ceiling.py [--max N] [--rounds R] [--protopy PATH] [--python PATH]

Starts N copies of each program at once, for N = 1, 2, 4, ... up to --max
(default os.cpu_count()), and prints the slowest copy's "elapsed:" over the
N=1 figure (best of R rounds, default 2). Nothing is shared between the
copies, so a ratio above 1.0 is the machine's: clocks that drop as more cores
run, or virtual CPUs that share physical cores (SMT siblings, other tenants),
which a VM does not show. The programs:

  latency_loop     C, one dependent multiply-modulo chain (execution units idle)
  throughput_loop  C, four independent xorshift chains (several instructions per cycle)
  cpython          benches/py/scale_cpu_arith.py 1 4000000 under --python
  protopy          the same under --protopy

The C programs (benches/ceiling/*.c) are compiled with `cc -O2` into a
temporary directory. A high ratio for throughput_loop and the interpreters
with a flat latency_loop means shared cores: thread scaling of interpreter
code cannot beat that figure (compare `benches/run.py scale --procs`).
"""
import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
from run import DEFAULT_PROTOPY, DEFAULT_PYTHON, thread_counts  # noqa: E402


def slowest(cmd, n):
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              stdin=subprocess.DEVNULL) for _ in range(n)]
    worst = 0.0
    for p in procs:
        out, err = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"{cmd[0]} failed: {err.strip()[:200]}")
        el = [float(l.split(":", 1)[1]) for l in out.splitlines() if l.startswith("elapsed:")]
        if not el:
            raise SystemExit(f"{cmd[0]}: no elapsed line")
        worst = max(worst, el[0])
    return worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--protopy", default=DEFAULT_PROTOPY)
    ap.add_argument("--python", default=DEFAULT_PYTHON)
    opts = ap.parse_args()
    counts = thread_counts(max(1, opts.max))
    arith = [os.path.join(ROOT, "benches", "py", "scale_cpu_arith.py"), "1", "4000000"]
    with tempfile.TemporaryDirectory() as tmp:
        progs = []
        for name in ("latency_loop", "throughput_loop"):
            exe = os.path.join(tmp, name)
            src = os.path.join(ROOT, "benches", "ceiling", name + ".c")
            subprocess.run(["cc", "-O2", "-o", exe, src], check=True)
            progs.append((name, [exe, "100000000"]))
        progs.append(("cpython", [opts.python] + arith))
        progs.append(("protopy", [opts.protopy] + arith))
        print(f"N = {', '.join(map(str, counts))}; slowest of N simultaneous copies / N=1, "
              f"best of {opts.rounds}")
        for name, cmd in progs:
            cells = []
            base = None
            for n in counts:
                t = min(slowest(cmd, n) for _ in range(opts.rounds))
                base = base or t
                cells.append(f"N={n} {t / base:.2f}")
            print(f"{name:<16} N=1 {base:.3f}s   " + "  ".join(cells), flush=True)


if __name__ == "__main__":
    main()
