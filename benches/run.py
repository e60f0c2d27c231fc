#!/usr/bin/env python3
"""ProtoPy Python benchmark runner (plain Python 3; run it with python3).

Usage:
  python3 benches/run.py speed [--protopy PATH] [--python PATH] [--repeat R]
                               [--only NAME ...] [--work-scale F] [--timeout S]
  python3 benches/run.py scale [--protopy PATH] [--python PATH] [--max-threads N]
                               [--repeat R] [--only NAME ...] [--work-scale F] [--timeout S]
                               [--procs] [--stat best|median]

speed  Single-thread benchmarks (benches/py/fib.py, nested_loops.py, method_calls.py).
       Each program runs under ProtoPy and under CPython alternately in the same
       invocation, best of R (default 3) wall-clock times each. The "checksum:" lines the
       two interpreters print must agree. Prints a table: ProtoPy time, CPython time and
       the ratio protopy/python3 (below 1.0 means ProtoPy is faster).

scale  Scaling workloads (benches/py/scale_*.py). Each runs for N = 1, 2, 4, ... up to
       os.cpu_count() (or --max-threads; the maximum itself is always included) under
       both interpreters. Every program takes N (threads) and W (work per thread) and
       reports its own elapsed time (threads started to threads joined; set-up such as
       building the shared tuple/str is excluded). The table shows, per interpreter,
       wall(N threads doing N x W) / wall(1 thread doing W): 1.0 is ideal scaling, N
       is fully serialised (what a GIL gives for CPU-bound code).

Options:
  --protopy PATH     ProtoPy binary (default: target/release/protopy in the repository).
                     Point it at /usr/bin/python3 to self-test the runner.
  --python PATH      reference CPython (default: /usr/bin/python3).
  --repeat R         runs per measurement, best time kept (speed: 3, scale: 1). In scale
                     mode the repeats are rounds over every cell of a workload (each N,
                     each interpreter, procs), so a slow spell of the machine costs each
                     cell at most one of its runs.
  --stat S           scale only: which of the rounds' times a cell shows, "best" (default)
                     or "median". Where virtual CPUs run at different speeds (a lent
                     16-core VM: some vCPUs at half speed for seconds at a time), the
                     best N=1 run is a fast-vCPU run while N threads always include a
                     slow one; the median of each cell is the less biased ratio there.
  --only NAME        run only benchmarks whose name contains NAME (repeatable).
  --work-scale F     multiply the default work of every program by F (e.g. 0.1 for a
                     quick smoke run). Defaults make one CPython single-thread run take
                     about 1-2 s.
  --max-threads N    scale only: largest thread count (default os.cpu_count()).
  --timeout S        seconds before one run is abandoned (default 600).
  --procs            scale only: also run N independent single-thread ProtoPy processes
                     (each doing W) at once and show max(elapsed) / elapsed(1 process) as
                     "procs": the machine's own ceiling (shared caches, memory bandwidth,
                     turbo clocks that drop as more cores run). No software sharing is
                     involved, so threads cannot be expected to beat it. These processes
                     run without PROTOPY_PIN (each would pin its one thread to core 0).

If an interpreter fails on a program (non-zero exit, timeout, no checksum), the row
shows the error for that interpreter and the runner goes on with the next one.
"""
import argparse
import math
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYDIR = os.path.join(ROOT, "benches", "py")
DEFAULT_PROTOPY = os.path.join(ROOT, "target", "release", "protopy")
DEFAULT_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

# name, file, function(work_scale) -> extra argv
SPEED = [
    ("fib", "fib.py", lambda f: [str(max(1, round(8 * f)))]),                 # fib(30) x 8
    ("nested_loops", "nested_loops.py", lambda f: [str(max(10, round(3000 * math.sqrt(f))))]),
    ("method_calls", "method_calls.py", lambda f: [str(max(100, round(1300000 * f)))]),
]

# name, file, default W (work per thread), extra argv after N and W
SCALE = [
    ("cpu_arith", "scale_cpu_arith.py", 8000000, []),                 # (a) arithmetic loop
    ("cpu_objects", "scale_cpu_objects.py", 2000000, []),             # (a) methods + attributes
    ("scan_tuple", "scale_scan_tuple.py", 12000000, []),              # (b) shared 10M tuple
    ("scan_str", "scale_scan_str.py", 250, []),                       # (b) shared 100 MB str
    ("containers_nolock", "scale_shared_containers.py", 4000000, ["nolock"]),  # (c)
    ("containers_lock", "scale_shared_containers.py", 1500000, ["lock"]),      # (c)
    ("shared_list", "scale_shared_list.py", 10000000, []),           # (c1) appends to one list
    ("shared_dict", "scale_shared_dict.py", 6000000, []),            # (c2) stores into one dict
    ("lock_counter", "scale_lock_counter.py", 3000000, []),          # (c3) one threading.Lock
    ("queue", "scale_queue.py", 1000000, []),                        # (c4) queue.Queue pairs
    ("frozen_dict_read", "scale_frozen_dict_read.py", 6000000, ["freeze"]),    # (c5) protopy.freeze(d)
    ("frozendict_read", "scale_frozen_dict_read.py", 6000000, ["frozendict"]),  # (c5) frozendict
    ("executor_map", "scale_executor_map.py", 10000, []),             # (d) ThreadPoolExecutor.map
    ("parallel_map", "scale_parallel_map.py", 10000, []),             # (d) protopy.parallel_map
    ("alloc", "scale_alloc.py", 900000, []),                          # (e) allocation + GC
]


class Result:
    def __init__(self, wall=None, elapsed=None, checksum=None, error=None, skipped=None):
        self.wall = wall            # process wall time, seconds
        self.elapsed = elapsed      # time the program reported ("elapsed:"), seconds
        self.checksum = checksum
        self.error = error
        self.skipped = skipped

    @property
    def time(self):
        return self.elapsed if self.elapsed is not None else self.wall


def first_error_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    if not lines:
        return "no output"
    return lines[-1].strip()[:100]


def run_once(interp, prog, args, timeout):
    cmd = [interp, os.path.join(PYDIR, prog)] + [str(a) for a in args]
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    t0 = time.perf_counter()
    try:
        r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                           env=env, stdin=subprocess.DEVNULL)
    except FileNotFoundError:
        return Result(error=f"cannot run {interp}: not found")
    except PermissionError:
        return Result(error=f"cannot run {interp}: permission denied")
    except subprocess.TimeoutExpired:
        return Result(error=f"timed out after {timeout}s")
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        return Result(wall=wall, error=f"exit {r.returncode}: {first_error_line(r.stderr or r.stdout)}")
    checksum = elapsed = None
    skipped = None
    for line in r.stdout.splitlines():
        if line.startswith("checksum:"):
            checksum = line[len("checksum:"):].strip()
        elif line.startswith("elapsed:"):
            try:
                elapsed = float(line.split(":", 1)[1])
            except ValueError:
                return Result(wall=wall, error=f"bad elapsed line: {line[:60]}")
        elif line.startswith("note:"):
            skipped = line[len("note:"):].strip()
        elif line.strip() == "skipped":
            skipped = skipped or "skipped"
    if checksum is None:
        if skipped:
            return Result(wall=wall, skipped=skipped)
        return Result(wall=wall, error="no checksum line in output")
    return Result(wall=wall, elapsed=elapsed, checksum=checksum)


def run_procs(interp, prog, args, n, timeout):
    """N processes of `prog 1 W ...` started together; the slowest one's elapsed."""
    cmd = [interp, os.path.join(PYDIR, prog)] + [str(a) for a in args]
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    # PROTOPY_PIN pins a process's threads to cores 0, 1, ... in order: every
    # independent process would pin its one thread to core 0.
    env.pop("PROTOPY_PIN", None)
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, stdin=subprocess.DEVNULL) for _ in range(n)]
    worst = None
    for p in procs:
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            return Result(error=f"timed out after {timeout}s")
        if p.returncode != 0:
            return Result(error=f"exit {p.returncode}: {first_error_line(err or out)}")
        el = [float(l.split(":", 1)[1]) for l in out.splitlines() if l.startswith("elapsed:")]
        if not el:
            return Result(error="no elapsed line in output")
        worst = el[0] if worst is None else max(worst, el[0])
    return Result(elapsed=worst, checksum="procs")


def best(results, stat="best"):
    """Fastest successful result (stat "median": the median one, the upper of the two
    middle runs for an even count); an error if every run failed or checksums differ."""
    ok = [r for r in results if r.error is None and r.skipped is None]
    if not ok:
        return results[-1]
    if len({r.checksum for r in ok}) > 1:
        return Result(error="checksum differs between runs: " + " / ".join(sorted({r.checksum for r in ok})))
    if stat == "median":
        return sorted(ok, key=lambda r: r.time)[len(ok) // 2]
    return min(ok, key=lambda r: r.time)


def fmt_time(r):
    if r.error:
        return "error"
    if r.skipped:
        return "skipped"
    return f"{r.time:.3f}s"


def check_interp(path, label):
    if os.path.sep in path and not os.path.exists(path):
        print(f"note: {label} {path} does not exist; its rows will show an error "
              f"(build it with: cargo build --release -p python_env --bin protopy)")


def cmd_speed(opts):
    print(f"speed: protopy = {opts.protopy}")
    print(f"       python3 = {opts.python}")
    print(f"       best of {opts.repeat} wall-clock runs each, interpreters alternating")
    print()
    head = f"{'benchmark':<16}{'protopy':>11}{'python3':>11}{'protopy/python3':>18}  checksum"
    print(head)
    print("-" * len(head))
    failures = 0
    for name, prog, argf in SPEED:
        if opts.only and not any(o in name for o in opts.only):
            continue
        args = argf(opts.work_scale)
        runs = {"protopy": [], "python3": []}
        for _ in range(opts.repeat):
            runs["protopy"].append(run_once(opts.protopy, prog, args, opts.timeout))
            runs["python3"].append(run_once(opts.python, prog, args, opts.timeout))
        p, c = best(runs["protopy"]), best(runs["python3"])
        notes = []
        ratio = "-"
        if p.error is None and c.error is None:
            if p.checksum != c.checksum:
                notes.append(f"CHECKSUM MISMATCH protopy={p.checksum} python3={c.checksum}")
                failures += 1
            else:
                notes.append(c.checksum)
            ratio = f"{p.time / c.time:.2f}" if c.time > 0 else "-"
        if p.error:
            notes.append(f"protopy: {p.error}")
            failures += 1
        if c.error:
            notes.append(f"python3: {c.error}")
            failures += 1
        print(f"{name:<16}{fmt_time(p):>11}{fmt_time(c):>11}{ratio:>18}  {'; '.join(notes)}", flush=True)
    return failures


def thread_counts(maximum):
    counts = []
    n = 1
    while n < maximum:
        counts.append(n)
        n *= 2
    counts.append(maximum)
    return counts


def cmd_scale(opts):
    maximum = opts.max_threads or os.cpu_count() or 1
    counts = thread_counts(max(1, maximum))
    print(f"scale: protopy = {opts.protopy}")
    print(f"       python3 = {opts.python}")
    print(f"       N = {', '.join(map(str, counts))}; ratio = wall(N threads doing N x W) / "
          f"wall(1 thread doing W); 1.00 is ideal")
    print(f"       each cell: {opts.stat} of {opts.repeat} round(s)")
    print()
    failures = 0
    for name, prog, default_w, extra in SCALE:
        if opts.only and not any(o in name for o in opts.only):
            continue
        w = max(1, round(default_w * opts.work_scale))
        print(f"{name}  (benches/py/{prog} N {' '.join([str(w)] + extra)})")
        head = (f"  {'N':>3}  {'protopy':>10} {'ratio':>7}   {'python3':>10} {'ratio':>7}"
                + (f"   {'procs':>7}" if opts.procs else "") + "  note")
        print(head)
        base = {}
        # Rounds over every (N, interpreter, procs) cell, best of the rounds
        # per cell: a slow spell of this shared machine then costs each cell
        # one round, instead of all the repeats of whichever cell it hit.
        interps = (("protopy", opts.protopy), ("python3", opts.python))
        runs = {}
        for _ in range(opts.repeat):
            for n in counts:
                for label, interp in interps:
                    runs.setdefault((n, label), []).append(
                        run_once(interp, prog, [n, w] + extra, opts.timeout))
                if opts.procs:
                    runs.setdefault((n, "procs"), []).append(
                        run_procs(opts.protopy, prog, [1, w] + extra, n, opts.timeout))
        for n in counts:
            row = {label: best(runs[(n, label)], opts.stat) for label, _ in interps}
            notes = []
            cells = []
            for label in ("protopy", "python3"):
                r = row[label]
                if r.error:
                    cells.append(f"{'error':>10} {'-':>7}")
                    notes.append(f"{label}: {r.error}")
                    failures += 1
                    continue
                if r.skipped:
                    cells.append(f"{'skipped':>10} {'-':>7}")
                    if n == counts[0]:
                        notes.append(f"{label}: {r.skipped}")
                    continue
                if n == 1:
                    base[label] = r.time
                ratio = f"{r.time / base[label]:.2f}" if base.get(label) else "-"
                cells.append(f"{r.time:>9.3f}s {ratio:>7}")
            if opts.procs:
                pr = best(runs[(n, "procs")], opts.stat)
                if pr.error:
                    cells.append(f"{'error':>7}")
                    notes.append(f"procs: {pr.error}")
                else:
                    if n == 1:
                        base["procs"] = pr.time
                    cells.append(f"{pr.time / base['procs']:>7.2f}" if base.get("procs") else f"{'-':>7}")
            p, c = row["protopy"], row["python3"]
            if p.checksum is not None and c.checksum is not None and not p.error and not c.error:
                if p.checksum != c.checksum:
                    notes.append(f"CHECKSUM MISMATCH protopy={row['protopy'].checksum} "
                                 f"python3={row['python3'].checksum}")
                    failures += 1
            extra_cells = "".join(f"   {c}" for c in cells[2:])
            print(f"  {n:>3}  {cells[0]}   {cells[1]}{extra_cells}  {'; '.join(notes)}".rstrip(),
                  flush=True)
        print()
    return failures


def main(argv=None):
    ap = argparse.ArgumentParser(description="ProtoPy vs CPython benchmark runner",
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("mode", choices=["speed", "scale"])
    ap.add_argument("--protopy", default=DEFAULT_PROTOPY)
    ap.add_argument("--python", default=DEFAULT_PYTHON)
    ap.add_argument("--repeat", type=int, default=None)
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--work-scale", type=float, default=1.0)
    ap.add_argument("--max-threads", type=int, default=None)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--procs", action="store_true")
    ap.add_argument("--stat", choices=["best", "median"], default="best")
    opts = ap.parse_args(argv)
    if opts.repeat is None:
        opts.repeat = 3 if opts.mode == "speed" else 1
    opts.repeat = max(1, opts.repeat)
    if opts.work_scale <= 0:
        ap.error("--work-scale must be positive")
    check_interp(opts.protopy, "protopy")
    check_interp(opts.python, "python3")
    failures = cmd_speed(opts) if opts.mode == "speed" else cmd_scale(opts)
    if failures:
        print(f"\n{failures} problem(s) (errors or checksum mismatches) shown above")
    # errors on unfinished ProtoPy features are expected; the exit code says whether any occurred
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
