#!/usr/bin/env python3
"""Soak test driver (plain Python 3; run it with /usr/bin/python3).

Usage:
  python3 tests/soak/run_soak.py [--protopy PATH] [--minutes M] [--threads T]
                                 [--warmup S] [--bucket S] [--inject-leak]

Runs tests/soak/soak.py under ProtoPy for M minutes (default 1) with T threads
(default 8) and PROTOPY_GCSTATS=1, samples the child's resident memory (VmRSS
in /proc/PID/status) every second and timestamps the collector's log lines as
they arrive on stderr. At the end it prints a table per bucket (10 s for runs
up to 2 minutes, else 1 minute): RSS min/max, global collections, their
longest pause and the heap they left; then the "gc totals" pause figures.

The run passes when the child exits 0, prints "soak verdict: ok (T threads)"
and its memory is flat after the warm-up (default: a fifth of the run, at
most 60 s):

    max RSS in the last third  <=  max RSS in the first third x 1.10 + 16 MiB

(thirds of the time after the warm-up). The collector lets the heap grow to
about twice what the last global collection left before it collects again,
so RSS is a saw-tooth; the maximum over a third spans several of its teeth
and is a stable ceiling when nothing leaks, so the margin is for noise only:
16 MiB for allocator and block-pool slack (empty blocks kept per thread,
pages not yet returned) plus 10% for the height of the teeth, which varies
with where a collection falls. A leak raises the ceiling from one third to
the next, and the longer the run the smaller the leak it catches: the
1-minute run fails at about 1 MiB/s of growth (e.g. 200 -> 250 MiB between
the thirds), the 10-minute run (--minutes 10) at a tenth of that. The fitted
slope of RSS after the warm-up (MiB/min) and the heap each global
collection left are printed for reference. (The first rule tried, x 1.25 +
16 MiB, passed a 1-minute run whose RSS rose 205 -> 255 MiB at 107 MiB/min.)

--inject-leak makes the workload keep every big string it builds: the
negative control of the rule above (the run must fail).

Prints a last line "soak: 1 passed, 0 failed" or "soak: 0 passed, 1 failed"
and exits 1 on failure.
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKLOAD = os.path.join(ROOT, "tests", "soak", "soak.py")

GLOBAL_RE = re.compile(r"^gc: global .*heap ([0-9.]+) -> ([0-9.]+) MiB.* pause ([0-9.]+) ms")
TOTALS_RE = re.compile(
    r"^gc totals: (\d+) global \(pause p50 ([0-9.]+) ms, p99 ([0-9.]+) ms, max ([0-9.]+) ms, total ([0-9.]+) ms\); "
    r"(\d+) local \(max ([0-9.]+) ms, total ([0-9.]+) ms\); peak heap ([0-9.]+) MiB"
)


def read_rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


class StderrReader(threading.Thread):
    """Reads the child's stderr; timestamps global collections."""

    def __init__(self, stream, t0):
        super().__init__(daemon=True)
        self.stream, self.t0 = stream, t0
        self.globals = []  # (t, heap_before, heap_after, pause_ms)
        self.locals = 0
        self.totals = None
        self.other = []  # non-gc lines (last 40 kept)

    def run(self):
        for raw in self.stream:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            t = time.monotonic() - self.t0
            m = GLOBAL_RE.match(line)
            if m:
                self.globals.append((t, float(m.group(1)), float(m.group(2)), float(m.group(3))))
            elif line.startswith("gc: local"):
                self.locals += 1
            elif line.startswith("gc totals:"):
                self.totals = line
            else:
                self.other.append(line)
                del self.other[:-40]


def fmt_mib(kib):
    return "%.1f" % (kib / 1024.0)


def main():
    ap = argparse.ArgumentParser(description="ProtoPy soak test driver")
    ap.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--warmup", type=float, default=None, help="seconds (default: run/5, at most 60)")
    ap.add_argument("--bucket", type=float, default=None, help="table row length in seconds")
    ap.add_argument("--inject-leak", action="store_true", help="negative control: the workload leaks")
    args = ap.parse_args()

    seconds = args.minutes * 60.0
    warmup = args.warmup if args.warmup is not None else min(60.0, seconds / 5.0)
    bucket = args.bucket if args.bucket is not None else (10.0 if seconds <= 120 else 60.0)
    limit = seconds + 120.0
    failures = []

    cmd = [args.protopy, WORKLOAD, "%g" % seconds, str(args.threads)]
    if args.inject_leak:
        cmd.append("leak")
    env = dict(os.environ)
    env["PROTOPY_GCSTATS"] = "1"
    print("soak: %s for %g s, %d threads, warm-up %g s%s"
          % (args.protopy, seconds, args.threads, warmup, " (INJECTED LEAK)" if args.inject_leak else ""))
    sys.stdout.flush()

    t0 = time.monotonic()
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    except OSError as e:
        print("soak: cannot start %s: %s" % (args.protopy, e))
        print("soak: 0 passed, 1 failed")
        sys.exit(1)
    out_chunks = []
    out_reader = threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True)
    out_reader.start()
    err_reader = StderrReader(proc.stderr, t0)
    err_reader.start()

    samples = []  # (t, rss_kib)
    killed = False
    next_t = 1.0
    while proc.poll() is None:
        now = time.monotonic() - t0
        if now >= next_t:
            rss = read_rss_kib(proc.pid)
            if rss is not None and proc.poll() is None:
                samples.append((now, rss))
            next_t += 1.0
            if now > next_t:  # fell behind (loaded machine): no burst of samples
                next_t = now + 1.0
        if now > limit and not killed:
            proc.send_signal(signal.SIGKILL)
            killed = True
        time.sleep(min(0.2, max(0.01, next_t - (time.monotonic() - t0))))
    wall = time.monotonic() - t0
    code = proc.returncode
    out_reader.join(10)
    err_reader.join(10)
    stdout = b"".join(out_chunks).decode("utf-8", "replace")

    # -- outcome of the child
    if killed:
        failures.append("killed after %.0f s (limit %.0f s)" % (wall, limit))
    elif code < 0:
        failures.append("crashed: %s" % signal.Signals(-code).name)
    elif code != 0:
        failures.append("exit status %d" % code)
    want = "soak verdict: ok (%d threads)" % args.threads
    verdicts = [l for l in stdout.splitlines() if l.startswith("soak verdict:")]
    if verdicts != [want]:
        failures.append("verdict %r, expected %r" % (verdicts, want))
    iters = re.search(r"^iterations: (\d+)$", stdout, re.M)

    # -- table per bucket
    nb = max(1, int((max(wall, seconds) + bucket - 1e-9) // bucket))
    print()
    print("%-11s %7s %8s %8s %7s %11s %12s" % ("time (s)", "samples", "RSS min", "RSS max",
                                                "globals", "max pause", "heap after"))
    print("%-11s %7s %8s %8s %7s %11s %12s" % ("", "", "MiB", "MiB", "", "ms", "MiB min-max"))
    for b in range(nb):
        lo, hi = b * bucket, (b + 1) * bucket
        rs = [r for t, r in samples if lo <= t < hi]
        gs = [g for g in err_reader.globals if lo <= g[0] < hi]
        if not rs and not gs:
            continue
        print("%-11s %7d %8s %8s %7d %11s %12s" % (
            "%g-%g" % (lo, hi), len(rs),
            fmt_mib(min(rs)) if rs else "-", fmt_mib(max(rs)) if rs else "-",
            len(gs), "%.3f" % max(g[3] for g in gs) if gs else "-",
            "%.1f-%.1f" % (min(g[2] for g in gs), max(g[2] for g in gs)) if gs else "-"))
    print()
    if err_reader.totals:
        print(err_reader.totals)
        m = TOTALS_RE.match(err_reader.totals)
        if m:
            print("soak: global pauses p50 %s ms, p99 %s ms, max %s ms over %s global collections; "
                  "%s local collections; peak heap %s MiB"
                  % (m.group(2), m.group(3), m.group(4), m.group(1), m.group(6), m.group(9)))
    else:
        failures.append("no 'gc totals' line on stderr")
    if iters:
        print("soak: %s rounds in %.1f s" % (iters.group(1), wall))

    # -- flatness after the warm-up
    end = samples[-1][0] if samples else 0.0
    span = end - warmup
    first = [r for t, r in samples if warmup <= t < warmup + span / 3]
    last = [r for t, r in samples if t >= warmup + 2 * span / 3]
    if len(first) < 3 or len(last) < 3:
        failures.append("too few RSS samples after the warm-up (%d and %d)" % (len(first), len(last)))
    else:
        ceiling = max(first) * 1.10 + 16 * 1024
        post = [(t, r / 1024.0) for t, r in samples if t >= warmup]
        n = len(post)
        mt = sum(t for t, _ in post) / n
        mr = sum(r for _, r in post) / n
        var = sum((t - mt) ** 2 for t, _ in post)
        slope = 60.0 * sum((t - mt) * (r - mr) for t, r in post) / var if var else 0.0
        ok = max(last) <= ceiling
        print("soak: RSS after warm-up: first third max %s MiB, last third max %s MiB, limit %s MiB "
              "(x1.10 + 16), slope %+.2f MiB/min: %s"
              % (fmt_mib(max(first)), fmt_mib(max(last)), fmt_mib(ceiling), slope,
                 "flat" if ok else "GROWING"))
        if not ok:
            failures.append("RSS grew: last third max %s MiB > %s MiB"
                            % (fmt_mib(max(last)), fmt_mib(ceiling)))

    if failures:
        for l in stdout.splitlines():
            if l.startswith("error:"):
                print("  " + l)
        if err_reader.other:
            print("soak: last stderr lines of the child:")
            for l in err_reader.other[-15:]:
                print("  " + l)
        for f in failures:
            print("soak: FAILED: " + f)
        print("soak: 0 passed, 1 failed")
        sys.exit(1)
    print("soak: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
