#!/usr/bin/env python3
"""Random-input fuzz run of json.loads, zlib.decompress, struct.unpack and the XML
parser under ProtoPy (issue 20: "finds no panic in 10 minutes").

Usage: python3 fuzz/run.py [TARGET ...] [--seconds S] [--batch N] [--jobs J]
                           [--protopy PATH] [--compare] [--seed0 K]

Starts fuzz/stdlib_fuzz.py under ProtoPy in batches of N inputs (default 2000)
per process, round robin over the targets (json zlib struct xml by default),
J processes at once (default 2), until S seconds (default 600) have passed.
A batch that exits non-zero, prints no "done" line, or runs past 300 s is a
finding: the batch is rerun with --trace to find the input it stopped on, and
the input, the seed, the index and ProtoPy's stderr are written to
fuzz/findings/TARGET-SEED-INDEX.txt (SystemError, what a Rust panic becomes,
ends the batch too).

--compare also runs every batch under /usr/bin/python3 with --outcomes and
counts the inputs whose outcome differs (exception type and message, or the
result), printing the first few per target: CPython's messages are the
reference for malformed input.

Prints per target: batches, inputs, findings, seconds; exit status 1 if any
finding.
"""
import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
WORKER = os.path.join(HERE, "stdlib_fuzz.py")
ROOT = os.path.dirname(HERE)
HANG_S = 300


def run(binary, args, timeout=HANG_S):
    try:
        p = subprocess.run([binary, WORKER] + args, capture_output=True, text=True,
                           timeout=timeout, errors="replace")
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        return "timeout", out, "hang: no exit after %ds" % timeout


def finding(args, target, seed, rc, stderr):
    # Rerun with --trace: the last "try I" line is the input it stopped on.
    rc2, out, err2 = run(args.protopy, [target, str(seed), str(args.batch), "--trace"])
    tries = [ln for ln in out.splitlines() if ln.startswith("try ")]
    index = int(tries[-1].split()[1]) if tries else -1
    _, dump, _ = run(args.protopy, [target, str(seed), "0", "--dump", str(index)], 60)
    os.makedirs(os.path.join(HERE, "findings"), exist_ok=True)
    path = os.path.join(HERE, "findings", "%s-%d-%d.txt" % (target, seed, index))
    with open(path, "w") as f:
        f.write("target %s seed %d index %d exit %s (rerun: %s)\n" % (target, seed, index, rc, rc2))
        f.write("input: %s\n" % dump.strip())
        f.write("stderr:\n%s\n" % (stderr[-4000:] or err2[-4000:]))
    return path


def batch(args, target, seed):
    t0 = time.time()
    wargs = [target, str(seed), str(args.batch)] + (["--outcomes"] if args.compare else [])
    rc, out, err = run(args.protopy, wargs)
    res = {"target": target, "seed": seed, "seconds": time.time() - t0, "finding": None,
           "inputs": 0, "diffs": []}
    if rc != 0 or not out.rstrip().endswith("done %d" % args.batch):
        res["finding"] = finding(args, target, seed, rc, err)
        res["inputs"] = sum(1 for ln in out.splitlines() if ln[:1].isdigit())
        return res
    res["inputs"] = args.batch
    if args.compare:
        _, ref, _ = run(args.python, wargs)
        mine = out.splitlines()
        theirs = ref.splitlines()
        for a, b in zip(mine, theirs):
            if a != b:
                res["diffs"].append((seed, a, b))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("targets", nargs="*", default=["json", "zlib", "struct", "xml"])
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--batch", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed0", type=int, default=int(time.time()) % 100000 * 1000)
    ap.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--compare", action="store_true")
    args = ap.parse_args()
    stats = {t: {"batches": 0, "inputs": 0, "findings": [], "seconds": 0.0, "diffs": 0,
                 "examples": []} for t in args.targets}
    deadline = time.time() + args.seconds
    seed = args.seed0
    started = time.time()
    print("seeds from %d" % seed, flush=True)
    with ThreadPoolExecutor(args.jobs) as pool:
        pending = set()
        k = 0
        while time.time() < deadline or pending:
            while time.time() < deadline and len(pending) < args.jobs:
                target = args.targets[k % len(args.targets)]
                k += 1
                pending.add(pool.submit(batch, args, target, seed))
                seed += 1
            done = [f for f in pending if f.done()]
            if not done:
                time.sleep(0.2)
                continue
            for f in done:
                pending.discard(f)
                r = f.result()
                s = stats[r["target"]]
                s["batches"] += 1
                s["inputs"] += r["inputs"]
                s["seconds"] += r["seconds"]
                s["diffs"] += len(r["diffs"])
                s["examples"].extend(r["diffs"][: max(0, 5 - len(s["examples"]))])
                if r["finding"]:
                    s["findings"].append(r["finding"])
                    print("FINDING %s seed %d: %s" % (r["target"], r["seed"], r["finding"]),
                          flush=True)
    print("\nfuzz run: %.0f s wall, protopy %s" % (time.time() - started, args.protopy))
    print("%-8s %8s %9s %9s %10s%s" % ("target", "batches", "inputs", "findings", "cpu-ish s",
                                      "  differ-from-CPython" if args.compare else ""))
    for t, s in stats.items():
        print("%-8s %8d %9d %9d %10.0f%s" % (t, s["batches"], s["inputs"], len(s["findings"]),
                                            s["seconds"],
                                            "  %d" % s["diffs"] if args.compare else ""))
    if args.compare:
        for t, s in stats.items():
            for seed, a, b in s["examples"]:
                pad = " " * len("%s seed %d" % (t, seed))
                print("  %s seed %d: protopy %s\n  %s  cpython %s" % (t, seed, a[:200], pad, b[:200]))
    return 1 if any(s["findings"] for s in stats.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
