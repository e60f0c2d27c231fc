#!/usr/bin/env python3
"""Standard-library speed against CPython (issue 20, "Must show": each ratio at most 1.0).

Usage: python3 benches/stdlib_speed.py [CASE ...] [--rounds R] [--scale F]
                                       [--protopy PATH] [--python PATH] [--markdown]

Runs each workload of benches/py/stdlib_cases.py (json dumps/loads of a 10 MB
document, pickle dumps/loads of the same data, struct pack/unpack, sha256 and
zlib over 100 MB, decimal telco, sqlite3 100,000 inserts in one transaction,
an asyncio echo server with 100 clients) under ProtoPy and /usr/bin/python3
alternately, R rounds (default 5; the order within a round alternates too, so a
slow spell of the machine falls on both). Each run times only the operation
(the "elapsed:" line it prints; building the input is excluded). The
"checksum:" lines of the two interpreters must agree. Prints per case both
medians and the ratio protopy/python3 of the medians (below 1.0: ProtoPy is
faster), and with --markdown the same table for docs/PERFORMANCE.md.
"""
import argparse
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_PY = os.path.join(HERE, "py", "stdlib_cases.py")
ROOT = os.path.dirname(HERE)


def run_case(binary, case, scale, timeout):
    try:
        p = subprocess.run([binary, CASES_PY, case, str(scale)], capture_output=True,
                           text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, "timeout after %ds" % timeout
    if p.returncode != 0:
        tail = (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[-1]
        return None, None, tail[:160]
    check = elapsed = None
    for line in p.stdout.splitlines():
        if line.startswith("checksum:"):
            check = line
        elif line.startswith("elapsed:"):
            elapsed = float(line.split()[1])
    if elapsed is None:
        return None, None, "no elapsed line"
    return elapsed, check, None


def fmt(t):
    return "-" if t is None else ("%.3f s" % t if t >= 0.1 else "%.1f ms" % (t * 1000))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", nargs="*")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    allcases = subprocess.run([args.python, CASES_PY, "list"], capture_output=True,
                              text=True, check=True).stdout.split()
    cases = [c for c in allcases if not args.cases or any(s in c for s in args.cases)]
    rows = []
    for case in cases:
        times = {"protopy": [], "python3": []}
        checks = {}
        err = None
        for rnd in range(args.rounds):
            order = [("protopy", args.protopy), ("python3", args.python)]
            if rnd % 2:
                order.reverse()
            for name, binary in order:
                t, check, e = run_case(binary, case, args.scale, args.timeout)
                if e:
                    err = "%s: %s" % (name, e)
                    break
                times[name].append(t)
                checks.setdefault(name, check)
            if err:
                break
        if not err and checks["protopy"] != checks["python3"]:
            err = "checksums differ: protopy %r, python3 %r" % (checks["protopy"],
                                                                checks["python3"])
        mp = statistics.median(times["protopy"]) if times["protopy"] and not err else None
        mc = statistics.median(times["python3"]) if times["python3"] else None
        ratio = mp / mc if mp is not None and mc else None
        rows.append((case, mp, mc, ratio, err))
        print("%-16s protopy %-10s python3 %-10s ratio %s%s" % (
            case, fmt(mp), fmt(mc), "-" if ratio is None else "%.2f" % ratio,
            "   FAILED " + err if err else ""), flush=True)
    if args.markdown:
        print("\n| case | ProtoPy (median) | CPython 3.11 (median) | ratio |")
        print("|---|---|---|---|")
        for case, mp, mc, ratio, err in rows:
            print("| %s | %s | %s | %s |" % (case, fmt(mp), fmt(mc),
                                            "FAILED: " + err if err else "%.2f" % ratio))
    return 1 if any(r[4] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
