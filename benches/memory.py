#!/usr/bin/env python3
"""Peak memory of programs that keep dropping what they make (plain Python 3;
run it with /usr/bin/python3).

Usage:
  python3 benches/memory.py [--protopy PATH] [--python PATH] [--seconds S ...]
                            [--only NAME ...] [--no-gcstats]

Each workload benches/py/mem_*.py takes its run time in seconds as argv[1],
loops until the time is up and prints "iterations: N". For every workload and
every duration (default 20 and 60 s) it runs once under ProtoPy and once under
the reference CPython, alternately, and measures the child's peak RSS: its
VmHWM in /proc/PID/status, read every 20 ms up to its exit (see run_one for
why not wait4's ru_maxrss). If memory is reclaimed, a
program's peak is about the same at every duration; a peak that rises with
the duration is memory that is never given back.

ProtoPy runs with PROTOPY_GCSTATS=1 (unless --no-gcstats): the table then also
shows its own figures from the collector's log, the peak heap ("gc totals"
line) and the heap left by the last global collection.

A run that exits non-zero, dies of a signal or runs past 3 x S + 60 s is
reported as such in its cell; the script then exits with status 1.

Options:
  --protopy PATH   ProtoPy binary (default: target/release/protopy in the repository)
  --python PATH    reference interpreter (default: /usr/bin/python3)
  --seconds S ...  durations to measure (default: 20 60)
  --only NAME      run only workloads whose name contains NAME (repeatable)
  --no-gcstats     do not set PROTOPY_GCSTATS (no heap columns)
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY_DIR = os.path.join(ROOT, "benches", "py")

# Name, program, what it does (in the order the table shows them).
WORKLOADS = [
    ("shared_dict_4t", "mem_shared_dict_4t.py", "4 threads replace their 200-entry dict in one shared dict"),
    ("global_dict_1t", "mem_global_dict_1t.py", "1 thread replaces a 200-entry dict in a module global"),
    ("exec_def", "mem_exec_def.py", "exec() of a fresh 'def f' text, then a call"),
    ("eval_expr", "mem_eval_expr.py", "eval('1 + n')"),
    ("type_call", "mem_type_call.py", "type('C', (object,), {...}) and one instance"),
    ("lambda_default", "mem_lambda_default.py", "a lambda with a default argument, made and called"),
    ("setattr_names", "mem_setattr_names.py", "local class, instance, setattr of a new name"),
    ("subclass_user", "mem_subclass_user.py", "class statement deriving from a user class, one instance"),
    ("native_callback", "mem_native_callback.py", "map() in any() calls a small function that drops a list"),
]

TOTALS_RE = re.compile(r"^gc totals: (\d+) global .*; (\d+) local .*peak heap ([0-9.]+) MiB")
GLOBAL_RE = re.compile(r"^gc: global .*heap ([0-9.]+) -> ([0-9.]+) MiB")


class Result:
    def __init__(self):
        self.maxrss_kib = None  # peak RSS, KiB
        self.iterations = None
        self.error = None  # None when the run succeeded
        self.wall = 0.0
        self.peak_heap = None  # MiB, ProtoPy's gc totals
        self.last_global_after = None  # MiB
        self.globals = None
        self.locals = None


def read_hwm_kib(pid):
    """VmHWM (peak RSS of the process's current address space), or None."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def run_one(cmd, seconds, env):
    """Runs cmd, returns a Result with its peak RSS.

    The peak is the child's VmHWM, read every 20 ms until it exits (the last
    reading before exit). wait4's ru_maxrss is not used for it: on Linux it
    also covers the address space the child had before exec, a copy of this
    script's, so it never reads below this script's own RSS (about 10 MiB of
    CPython, more once it has read a long collector log). It is kept as
    res.ru_maxrss_kib for reference.
    """
    res = Result()
    limit = 3 * seconds + 60
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=ROOT)
        status = rusage = None
        killed = False
        hwm = 0
        while True:
            pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid == proc.pid:
                status, rusage = st, ru
                break
            h = read_hwm_kib(proc.pid)
            if h is not None:
                hwm = max(hwm, h)
            if time.monotonic() - t0 > limit and not killed:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
            time.sleep(0.02)
        # wait4 reaped the child; tell Popen so it does not try again.
        proc.returncode = os.waitstatus_to_exitcode(status)
        res.wall = time.monotonic() - t0
        res.maxrss_kib = hwm
        res.ru_maxrss_kib = rusage.ru_maxrss
        out.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        # The collector's log can be long: read it line by line.
        err.seek(0)
        tail = []
        for raw in err:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if line.startswith("gc: global"):
                m = GLOBAL_RE.match(line)
                if m:
                    res.last_global_after = float(m.group(2))
            elif line.startswith("gc: local"):
                pass
            elif line.startswith("gc totals:"):
                m = TOTALS_RE.match(line)
                if m:
                    res.globals, res.locals = int(m.group(1)), int(m.group(2))
                    res.peak_heap = float(m.group(3))
            else:
                tail.append(line)
                del tail[:-8]
    code = proc.returncode
    if killed:
        res.error = "TIMEOUT(%ds)" % limit
    elif code < 0:
        res.error = "CRASH(%s)" % signal.Signals(-code).name
    elif code != 0:
        res.error = "EXIT(%d)" % code
    m = re.search(r"^iterations: (\d+)\s*$", stdout, re.M)
    if m:
        res.iterations = int(m.group(1))
    elif res.error is None:
        res.error = "NO-OUTPUT"
    if res.error is not None:
        res.stderr_tail = "\n".join(tail)
    return res


def mib(kib):
    return kib / 1024.0


def cell(res, fmt):
    if res.error is not None:
        return res.error
    return fmt(res)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--seconds", type=float, nargs="+", default=[20.0, 60.0])
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--no-gcstats", action="store_true")
    args = ap.parse_args()

    if not os.path.exists(args.protopy):
        sys.exit("memory.py: no ProtoPy binary at %s (build it or pass --protopy)" % args.protopy)
    work = [w for w in WORKLOADS if not args.only or any(o in w[0] for o in args.only)]
    if not work:
        sys.exit("memory.py: no workload matches --only %s" % args.only)

    base_env = dict(os.environ)
    base_env.pop("PROTOPY_GCSTATS", None)
    pp_env = dict(base_env)
    if not args.no_gcstats:
        pp_env["PROTOPY_GCSTATS"] = "1"

    total_s = sum(args.seconds) * 2 * len(work)
    print("memory.py: %d workloads x %s s, ProtoPy %s vs %s (about %.0f s)"
          % (len(work), "/".join("%g" % s for s in args.seconds), args.protopy, args.python, total_s))
    for name, prog, what in work:
        print("  %-15s %s" % (name, what))
    sys.stdout.flush()

    rows = []
    failed = False
    for name, prog, what in work:
        path = os.path.join(PY_DIR, prog)
        for secs in args.seconds:
            arg = "%g" % secs
            pp = run_one([args.protopy, path, arg], secs, pp_env)
            cp = run_one([args.python, path, arg], secs, base_env)
            rows.append((name, secs, pp, cp))
            for who, r in (("protopy", pp), ("python3", cp)):
                if r.error is not None:
                    failed = True
                    print("!! %s %s %gs: %s\n%s" % (name, who, secs, r.error, r.stderr_tail))
            print("  done %-15s %5gs: protopy %s MiB, python3 %s MiB"
                  % (name, secs, cell(pp, lambda r: "%.1f" % mib(r.maxrss_kib)),
                     cell(cp, lambda r: "%.1f" % mib(r.maxrss_kib))))
            sys.stdout.flush()

    print()
    hdr = ("program", "secs", "protopy MiB", "python3 MiB", "ratio", "protopy iters", "python3 iters")
    if not args.no_gcstats:
        hdr += ("pp heap peak", "pp heap last", "pp gcs g/l")
    table = [hdr]
    for name, secs, pp, cp in rows:
        ok = pp.error is None and cp.error is None
        row = (
            name,
            "%g" % secs,
            cell(pp, lambda r: "%.1f" % mib(r.maxrss_kib)),
            cell(cp, lambda r: "%.1f" % mib(r.maxrss_kib)),
            "%.2f" % (pp.maxrss_kib / cp.maxrss_kib) if ok else "-",
            cell(pp, lambda r: str(r.iterations)),
            cell(cp, lambda r: str(r.iterations)),
        )
        if not args.no_gcstats:
            row += (
                "%.1f" % pp.peak_heap if pp.peak_heap is not None else "-",
                "%.1f" % pp.last_global_after if pp.last_global_after is not None else "-",
                "%d/%d" % (pp.globals, pp.locals) if pp.globals is not None else "-",
            )
        table.append(row)
    widths = [max(len(r[i]) for r in table) for i in range(len(hdr))]
    for i, r in enumerate(table):
        print("  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(r, widths))))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    if not args.no_gcstats:
        print("\n(pp heap peak: ProtoPy's largest heap, blocks in use and large objects; pp heap last:"
              " the heap its last global collection left; pp gcs: global/local collections)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
