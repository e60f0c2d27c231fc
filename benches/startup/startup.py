#!/usr/bin/python3
"""Start-up of `-c pass` and of a few common imports, ProtoPy beside CPython.

    /usr/bin/python3 benches/startup/startup.py [--rounds N] [--runs K] PROTOPY...

Each round runs every interpreter (the ProtoPy binaries given, then
/usr/bin/python3) K times per command, alternating, so all see the same
machine load. Every ProtoPy binary gets a cache folder of its own
(PROTOPY_CACHE_DIR), warmed by one run without PYTHONDONTWRITEBYTECODE
before timing: with that variable set a stale cache file is never
rewritten, and each build's files differ. Prints the median and minimum
wall time and the median CPU time (user + system) in milliseconds.
"""
import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time

COMMANDS = [
    ("pass", ["-c", "pass"]),
    ("imports", ["-c", "import os, re, io, argparse, logging, subprocess"]),
]


def once(argv, env):
    """Runs argv once (its output dropped); its wall and CPU time in ms."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = (time.perf_counter() - t) * 1000
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000
    return wall, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("protopy", nargs="+")
    a = ap.parse_args()
    base = dict(os.environ)
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    tmp = tempfile.mkdtemp(prefix="startup-bench-")
    envs = {}
    for i, exe in enumerate(a.protopy):
        env = dict(base, PROTOPY_CACHE_DIR=os.path.join(tmp, str(i)))
        for _, args in COMMANDS:
            subprocess.run([exe, *args], env=env, check=True)
        envs[exe] = env
    envs["/usr/bin/python3"] = base
    for _, args in COMMANDS:
        subprocess.run(["/usr/bin/python3", *args], env=base, check=True)
    res = {(exe, name): [] for exe in envs for name, _ in COMMANDS}
    for _ in range(a.rounds):
        for name, args in COMMANDS:
            for exe, env in envs.items():
                for _ in range(a.runs):
                    res[exe, name].append(once([exe, *args], env))
    for name, _ in COMMANDS:
        for exe in envs:
            xs = res[exe, name]
            walls = [w for w, _ in xs]
            cpus = [c for _, c in xs]
            print(
                f"{name:8} {exe:40} wall med {statistics.median(walls):6.1f} "
                f"min {min(walls):6.1f}  cpu med {statistics.median(cpus):6.1f}"
            )


if __name__ == "__main__":
    main()
