#!/usr/bin/python3
"""Start-up with and without the bytecode cache, ProtoPy beside CPython.

    /usr/bin/python3 benches/startup/pycache.py [--protopy PATH] [--rounds N]

Runs import50.py (50 standard-library modules) in alternating rounds:
  cold: a fresh, empty PYTHONPYCACHEPREFIX per run, so every module is
        compiled from source (and its cache file written under the prefix);
  cold -B: the same with -B (compiled, nothing written);
  warm: the default cache location, filled by a first run (for ProtoPy the
        protopy-311 files beside CPython's in /usr/lib/python3.11/__pycache__,
        or under PROTOPY_WARM_PREFIX when that folder is not writable).
Prints the median wall time and the median CPU time (user + system) of
each, in milliseconds; CPU time is the steadier figure on a loaded machine.
"""
import argparse
import os
import shutil
import statistics
import tempfile

from startup import once as timed_run

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROG = os.path.join(HERE, "import50.py")


def once(exe, extra_env, opts=()):
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    env.update(extra_env)
    return timed_run([exe, *opts, PROG], env)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--protopy", default=os.path.join(ROOT, "target/release/protopy"))
    ap.add_argument("--rounds", type=int, default=7)
    a = ap.parse_args()
    exes = {"protopy": a.protopy, "cpython": "/usr/bin/python3"}
    warm_env = {}
    if os.environ.get("PROTOPY_WARM_PREFIX"):
        warm_env = {"PYTHONPYCACHEPREFIX": os.environ["PROTOPY_WARM_PREFIX"]}
    for exe in exes.values():
        once(exe, warm_env)  # fills the warm cache
    times = {(n, k): [] for n in exes for k in ("cold", "cold -B", "warm")}
    for _ in range(a.rounds):
        for name, exe in exes.items():
            for kind in ("cold", "cold -B", "warm"):
                if kind == "warm":
                    times[(name, kind)].append(once(exe, warm_env))
                    continue
                prefix = tempfile.mkdtemp(prefix="pycache-bench-")
                try:
                    opts = ("-B",) if kind == "cold -B" else ()
                    times[(name, kind)].append(once(exe, {"PYTHONPYCACHEPREFIX": prefix}, opts))
                finally:
                    shutil.rmtree(prefix, ignore_errors=True)
    print(f"{a.rounds} alternating rounds, medians in ms: wall (min-max), cpu (user+sys)")
    for (name, kind), ts in times.items():
        wall = [w for w, _ in ts]
        cpu = [c for _, c in ts]
        print(f"  {name:8} {kind:8} wall {statistics.median(wall):7.1f} ({min(wall):.1f}-{max(wall):.1f})"
              f"  cpu {statistics.median(cpu):7.1f}")


if __name__ == "__main__":
    main()
