#!/usr/bin/python3
"""Runs CPython 3.11's regression tests under ProtoPy and compares with CPython, test id by test id.

The tests come from Debian's libpython3.11-testsuite (/usr/lib/python3.11/test),
run in place; install it with `apt-get install -y libpython3.11-testsuite`.
Each module runs in its own process (driver.py, run BY the interpreter under
test) in a fresh temporary working directory, with a time limit; on timeout the
whole process group is killed. The driver writes one JSON line per test id.

    run.py --bless [NAMES...]    run CPython (/usr/bin/python3), write baseline/
    run.py [NAMES...]            run ProtoPy, compare with baseline/, print the table

NAMES are modules (test_os) or groups of modules.txt (os, language, ci); none
means the groups os and language. Options: --protopy PATH, -j N, --timeout S,
--report FILE.md, --min-score X (exit 1 below it), --out DIR (raw results and
logs, default target/cpython-tests), --count-partial.

Scoring (the project's rule): the score is the number of test ids that pass on
both interpreters divided by the number that pass on CPython. On CPython a test
passes when its outcome is pass, expected_failure or skip (so that "CPython
skips it too" can count). On ProtoPy pass and expected_failure pass; a skip
passes only when CPython skips the same id too, or when skip_ok.txt lists the
id with one of the allowed reasons (cpython_only, capi, refcount, accelerator;
an accelerator entry counts only when its Python twin passes). A module that
fails to import, crashes (no end record, or a non-zero exit) or times out
passes nothing, unless --count-partial counts the ids it finished first. Ids
CPython never reported (ProtoPy-only) are shown but not scored. The "strict"
score leaves skips out on both sides.

Exit status: 0 when the run completed (a low score is a result), 1 when the
score is below --min-score, 2 when the runner itself failed (bad arguments, a
missing baseline, an unreadable list).
"""

import argparse
import concurrent.futures
import fnmatch
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DRIVER = os.path.join(HERE, "driver.py")
MODULES_FILE = os.path.join(HERE, "modules.txt")
IGNORE_FILE = os.path.join(HERE, "ignore.txt")
SKIP_OK_FILE = os.path.join(HERE, "skip_ok.txt")
BASELINE_DIR = os.path.join(HERE, "baseline")
TIMINGS_FILE = os.path.join(BASELINE_DIR, "timings.txt")
CPYTHON = "/usr/bin/python3"
TESTDIR = "/usr/lib/python3.11/test"
MARKER = "@@cpyrunner@@ "
DEFAULT_GROUPS = ("os", "language")

OUTCOMES = ("pass", "fail", "error", "skip", "expected_failure", "unexpected_success")
# A module status after which the module passes nothing (the project's rule).
FATAL = ("import_error", "crash", "timeout")
SKIP_OK_CATEGORIES = ("cpython_only", "capi", "refcount", "accelerator")
RANK = {
    "skip": 0,
    "pass": 1,
    "expected_failure": 2,
    "unexpected_success": 3,
    "fail": 4,
    "error": 5,
}


class RunnerError(Exception):
    """The runner itself cannot go on (exit status 2)."""


# ---------------------------------------------------------------- lists


def read_modules(path=MODULES_FILE):
    """modules.txt -> ({group: [module, ...]}, {module: timeout or None})."""
    groups, timeouts = {}, {}
    current = None
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.startswith("[") and line.endswith("]"):
                current = line[1:-1].strip()
                groups.setdefault(current, [])
                continue
            if current is None:
                raise RunnerError(f"{path}:{lineno}: module before any [group]")
            words = line.split()
            name = words[0]
            for word in words[1:]:
                key, _, value = word.partition("=")
                if key != "timeout" or not value.isdigit():
                    raise RunnerError(f"{path}:{lineno}: unknown option {word!r}")
                timeouts[name] = int(value)
            timeouts.setdefault(name, None)
            if name not in groups[current]:
                groups[current].append(name)
    return groups, timeouts


def select_modules(names, groups):
    """Expands group names; keeps the first occurrence of each module."""
    chosen = []
    for name in names or DEFAULT_GROUPS:
        members = groups.get(name, [name])
        for module in members:
            if not re.fullmatch(r"test_\w+", module):
                raise RunnerError(f"not a test module or group: {name!r}")
            if module not in chosen:
                chosen.append(module)
    return chosen


def read_ignore(path=IGNORE_FILE):
    """ignore.txt -> [(pattern, reason)]: ids run on neither interpreter."""
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            text, _, reason = raw.partition("#")
            text = text.strip()
            if not text:
                continue
            if len(text.split()) != 1 or not reason.strip():
                raise RunnerError(f"{path}:{lineno}: want 'PATTERN  # reason'")
            entries.append((text, reason.strip()))
    return entries


def ignore_matcher(patterns):
    """test.support.set_match_tests's ignore semantics (regrtest --ignore).

    A pattern with a dot and no wildcard is a full test id; otherwise it is
    an fnmatch pattern matched against the whole id or any dotted part of it.
    """
    patterns = list(patterns)
    if not patterns:
        return lambda test_id: False
    if all("." in p and not re.search(r"[?*\[\]]", p) for p in patterns):
        exact = set(patterns)
        return exact.__contains__
    match = re.compile("|".join(map(fnmatch.translate, patterns))).match

    def matches(test_id):
        return bool(match(test_id)) or any(match(part) for part in test_id.split("."))

    return matches


def read_skip_ok(path=SKIP_OK_FILE):
    """skip_ok.txt -> [(category, prefix, twin or None, reason)]."""
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            text, _, reason = raw.partition("#")
            words = text.split()
            if not words:
                continue
            where = f"{path}:{lineno}"
            if len(words) not in (2, 3) or not reason.strip():
                raise RunnerError(f"{where}: want 'CATEGORY TEST_ID [twin=TEST_ID]  # reason'")
            category, prefix = words[0], words[1]
            if category not in SKIP_OK_CATEGORIES:
                raise RunnerError(f"{where}: category must be one of {', '.join(SKIP_OK_CATEGORIES)}")
            twin = None
            if len(words) == 3:
                if not words[2].startswith("twin="):
                    raise RunnerError(f"{where}: third word must be twin=TEST_ID")
                twin = words[2][len("twin="):]
            if category == "accelerator" and twin is None:
                raise RunnerError(f"{where}: an accelerator entry names its Python twin (twin=...)")
            entries.append((category, prefix, twin, reason.strip()))
    return entries


def id_under(test_id, prefix):
    """True when test_id is prefix itself or lies under it (module, class)."""
    return test_id == prefix or test_id.startswith(prefix + ".")


# ---------------------------------------------------------------- results


class ModuleRun:
    """One interpreter's results for one module."""

    def __init__(self, module, status="ok", reason="", outcomes=None, seconds=0.0, last_started=None):
        self.module = module
        self.status = status  # ok, module_skip, import_error, run_error, crash, timeout
        self.reason = reason
        self.outcomes = outcomes if outcomes is not None else {}  # id -> (outcome, reason)
        self.seconds = seconds
        self.last_started = last_started

    def counts(self):
        c = {o: 0 for o in OUTCOMES}
        for outcome, _ in self.outcomes.values():
            c[outcome] += 1
        return c


def stable_reason(reason):
    """A reason without the process id that test.support puts in TESTFN."""
    return re.sub(r"@test_\d+_tmp", "@test_PID_tmp", reason)


def parse_records(lines):
    """JSON lines from the driver -> (events list, {id: (outcome, reason)}, last started id)."""
    events, outcomes = [], {}
    started = None
    for line in lines:
        if line.startswith(MARKER):
            line = line[len(MARKER):]
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            continue  # a line cut short by a kill
        if "event" in rec:
            if rec["event"] == "start":
                started = rec.get("id")
            else:
                events.append(rec)
            continue
        test_id, outcome = rec.get("id"), rec.get("outcome")
        if test_id is None or outcome not in RANK:
            continue
        if test_id == started:
            started = None
        old = outcomes.get(test_id)
        # The same id run twice keeps its worse outcome.
        if old is None or RANK[outcome] > RANK[old[0]]:
            outcomes[test_id] = (outcome, stable_reason(rec.get("reason", "")))
    return events, outcomes, started


def module_status(events, rc, timed_out):
    """(status, reason) from the driver's events, its exit status and the clock."""
    kinds = {e["event"]: e.get("reason", "") for e in events}
    if "import_error" in kinds:
        return "import_error", kinds["import_error"]
    if timed_out:
        return "timeout", ""
    if "end" not in kinds or rc != 0:
        if rc is not None and rc < 0:
            try:
                why = f"killed by {signal.Signals(-rc).name}"
            except ValueError:
                why = f"killed by signal {-rc}"
        else:
            why = f"exit status {rc}"
        return "crash", why if "end" in kinds else why + ", no end record"
    if "module_skip" in kinds:
        return "module_skip", kinds["module_skip"]
    if "run_error" in kinds:
        return "run_error", kinds["run_error"]
    return "ok", ""


def last_log_line(path):
    """The last non-empty, non-record line of a log (a crash's message)."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 65536))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    for line in reversed(tail.splitlines()):
        line = line.strip()
        if line and not line.startswith(MARKER):
            return line[:300]
    return ""


def run_module(interpreter, module, out_dir, timeout, extra_env=None):
    """Runs the driver for one module; returns its ModuleRun (results and log kept in out_dir)."""
    os.makedirs(out_dir, exist_ok=True)
    results = os.path.join(out_dir, module + ".jsonl")
    log = os.path.join(out_dir, module + ".log")
    for path in (results, log):
        if os.path.exists(path):
            os.unlink(path)
    cwd = tempfile.mkdtemp(prefix=f"cpyrunner-{module}-")
    env = dict(os.environ)
    # Bytecode is written as under regrtest: PYTHONDONTWRITEBYTECODE would skip
    # 85 importlib/import/compile tests that write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPATH", None)
    # Several tests check the standard streams' default buffering
    # (test_cmd_line's test_non_interactive_output_buffering).
    env.pop("PYTHONUNBUFFERED", None)
    # One locale for the baseline and the runs: it decides the UTF-8 mode.
    env["LANG"] = "C.UTF-8"
    env.pop("LC_ALL", None)
    env.pop("LC_CTYPE", None)
    if extra_env:
        env.update(extra_env)
    cmd = [interpreter, DRIVER, module, results, "--ignore-file", IGNORE_FILE]
    start = time.monotonic()
    timed_out = False
    with open(log, "wb") as log_file:
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            rc = None
        finally:
            # The whole group: tests leave children (subprocess, multiprocessing).
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            if rc is None:
                proc.wait()
    seconds = time.monotonic() - start
    shutil.rmtree(cwd, ignore_errors=True)
    lines = []
    for path in (results, log):
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                if path == results:
                    lines.extend(f)
                else:
                    lines.extend(line for line in f if line.startswith(MARKER))
        except OSError:
            pass
    events, outcomes, started = parse_records(lines)
    status, reason = module_status(events, rc, timed_out)
    if status == "timeout":
        reason = f"over {timeout} s" + (f", in {started}" if started else "")
    elif status == "crash":
        last = last_log_line(log)
        reason = reason + (f", in {started}" if started else "") + (f": {last}" if last else "")
    return ModuleRun(module, status, reason, outcomes, seconds, started)


# ---------------------------------------------------------------- baseline


def baseline_path(module, directory=BASELINE_DIR):
    return os.path.join(directory, module + ".jsonl")


def baseline_lines(run):
    """A module's baseline file: a header, then one line per id, sorted; no timings."""
    header = {"module": run.module, "status": run.status, "reason": run.reason}
    lines = [json.dumps(header, sort_keys=True)]
    for test_id in sorted(run.outcomes):
        outcome, reason = run.outcomes[test_id]
        rec = {"id": test_id, "outcome": outcome}
        if outcome == "skip" and reason:
            rec["reason"] = reason
        lines.append(json.dumps(rec, sort_keys=True))
    return lines


def write_baseline(run, directory=BASELINE_DIR):
    os.makedirs(directory, exist_ok=True)
    with open(baseline_path(run.module, directory), "w", encoding="utf-8") as f:
        f.write("\n".join(baseline_lines(run)) + "\n")


def read_baseline(module, directory=BASELINE_DIR):
    path = baseline_path(module, directory)
    if not os.path.exists(path):
        raise RunnerError(f"no CPython baseline for {module}: run `tests/cpython/run.py --bless {module}`")
    with open(path, encoding="utf-8") as f:
        header = json.loads(f.readline())
        outcomes = {}
        for line in f:
            if line.strip():
                rec = json.loads(line)
                outcomes[rec["id"]] = (rec["outcome"], rec.get("reason", ""))
    return ModuleRun(module, header["status"], header.get("reason", ""), outcomes)


def read_timings(path=TIMINGS_FILE):
    timings = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                words = line.split("#", 1)[0].split()
                if len(words) == 2:
                    timings[words[0]] = float(words[1])
    return timings


def write_timings(timings, path=TIMINGS_FILE):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Seconds CPython 3.11 took per module at the last --bless (wall clock, one job).\n")
        for module in sorted(timings):
            f.write(f"{module} {timings[module]:.1f}\n")


# ---------------------------------------------------------------- comparison


def cpython_passes(outcome):
    return outcome in ("pass", "expected_failure", "skip")


def skip_allowed(test_id, cp_outcome, protopy_outcomes, skip_ok):
    """Whether ProtoPy's skip of test_id counts as a pass; returns the reason category or None."""
    if cp_outcome == "skip":
        return "cpython_skips"
    for category, prefix, twin, _ in skip_ok:
        if not id_under(test_id, prefix):
            continue
        if twin is None:
            return category
        twin_id = twin + test_id[len(prefix):]
        twin_outcome = protopy_outcomes.get(twin_id, ("missing", ""))[0]
        if twin_outcome in ("pass", "expected_failure"):
            return category
    return None


def compare(cp, pp, skip_ok=(), ignored=lambda test_id: False, count_partial=False):
    """Scores one module: a dict of counts for both interpreters and the score parts."""
    cp_outcomes = {i: o for i, o in cp.outcomes.items() if not ignored(i)}
    pp_outcomes = dict(pp.outcomes)
    if pp.status == "module_skip":
        # A skip of the whole module is a skip of every id CPython ran.
        for test_id in cp_outcomes:
            pp_outcomes.setdefault(test_id, ("skip", pp.reason))
    pp_outcomes = {i: o for i, o in pp_outcomes.items() if not ignored(i)}
    row = {"module": cp.module, "cp_status": cp.status, "pp_status": pp.status, "pp_reason": pp.reason}
    for prefix, outcomes in (("cp_", cp_outcomes), ("pp_", pp_outcomes)):
        c = {o: 0 for o in OUTCOMES}
        for outcome, _ in outcomes.values():
            c[outcome] += 1
        row[prefix + "run"] = len(outcomes)
        row[prefix + "pass"] = c["pass"] + c["expected_failure"]
        row[prefix + "fail"] = c["fail"] + c["unexpected_success"]
        row[prefix + "error"] = c["error"]
        row[prefix + "skip"] = c["skip"]
    counted = count_partial or pp.status not in FATAL
    both = strict_both = denom = strict_denom = 0
    allowed = {}
    for test_id, (cp_outcome, _) in cp_outcomes.items():
        if not cpython_passes(cp_outcome):
            continue
        denom += 1
        strict = cp_outcome != "skip"
        strict_denom += strict
        if not counted:
            continue
        pp_outcome = pp_outcomes.get(test_id, ("missing", ""))[0]
        if pp_outcome in ("pass", "expected_failure"):
            both += 1
            strict_both += strict
        elif pp_outcome == "skip":
            why = skip_allowed(test_id, cp_outcome, pp_outcomes, skip_ok)
            if why is not None:
                both += 1
                allowed[why] = allowed.get(why, 0) + 1
    row["both"] = both
    row["denom"] = denom
    row["strict_both"] = strict_both
    row["strict_denom"] = strict_denom
    row["skips_counted"] = allowed
    row["pp_only"] = len([i for i in pp_outcomes if i not in cp_outcomes])
    return row


# Skip reasons from test.support that map to an allowed category of skip_ok.txt.
SUGGEST_PATTERNS = (
    ("cpython_only", re.compile(r"implementation detail (specific to|not available on) ")),
    ("capi", re.compile(r"No module named '(_testcapi|_testinternalcapi|_testbuffer)'")),
    ("refcount", re.compile(r"refcount|reference count|getrefcount|refleak", re.I)),
)


def suggest_skip_ok(cp, pp):
    """Candidate skip_ok.txt lines for ProtoPy skips of ids CPython runs, by skip reason.

    Lines are suggestions for a person to check and add; nothing is added by itself.
    A skip of the whole module gives one line for the module.
    """
    def category(reason):
        for name, pattern in SUGGEST_PATTERNS:
            if pattern.search(reason):
                return name
        return None

    if pp.status == "module_skip":
        name = category(pp.reason)
        return [f"{name} test.{cp.module}  # {pp.reason}"] if name else []
    lines = []
    for test_id in sorted(pp.outcomes):
        outcome, reason = pp.outcomes[test_id]
        cp_outcome = cp.outcomes.get(test_id, ("missing", ""))[0]
        if outcome != "skip" or cp_outcome in ("skip", "missing"):
            continue
        name = category(reason)
        if name:
            lines.append(f"{name} {test_id}  # {reason}")
    return lines


def totals(rows):
    keys = ("both", "denom", "strict_both", "strict_denom")
    return {k: sum(r[k] for r in rows) for k in keys}


def ratio(num, den):
    return num / den if den else 0.0


# ---------------------------------------------------------------- output


CP_COLS = ("run", "pass", "fail", "error", "skip")


def format_table(rows, markdown=False):
    head = ["module", "CPython run", "pass", "fail", "err", "skip",
            "ProtoPy status", "run", "pass", "fail", "err", "skip", "both", "score"]
    body = []
    for r in rows:
        body.append([r["module"]] + [str(r["cp_" + c]) for c in CP_COLS]
                    + [r["pp_status"]] + [str(r["pp_" + c]) for c in CP_COLS]
                    + [str(r["both"]), f"{100 * ratio(r['both'], r['denom']):.1f}%"])
    t = totals(rows)
    sums = ["TOTAL"] + [str(sum(r["cp_" + c] for r in rows)) for c in CP_COLS] + [""] \
        + [str(sum(r["pp_" + c] for r in rows)) for c in CP_COLS] \
        + [str(t["both"]), f"{100 * ratio(t['both'], t['denom']):.1f}%"]
    body.append(sums)
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(out)
    widths = [max(len(row[i]) for row in [head] + body) for i in range(len(head))]
    fmt = lambda cells: "  ".join(c.ljust(w) if i in (0, 6) else c.rjust(w)
                                  for i, (c, w) in enumerate(zip(cells, widths)))
    return "\n".join([fmt(head)] + [fmt(cells) for cells in body])


def score_lines(rows):
    t = totals(rows)
    return [
        f"score: {t['both']}/{t['denom']} = {100 * ratio(t['both'], t['denom']):.2f}% "
        "of the test ids CPython passes (skips included) pass on ProtoPy",
        f"strict: {t['strict_both']}/{t['strict_denom']} = "
        f"{100 * ratio(t['strict_both'], t['strict_denom']):.2f}% (skips left out on both sides)",
    ]


def write_report(path, rows, seconds, protopy):
    lines = ["# CPython regression tests under ProtoPy", "",
             f"`tests/cpython/run.py`, ProtoPy `{protopy}`, {len(rows)} modules, {seconds:.0f} s.", ""]
    lines += ["- " + s for s in score_lines(rows)]
    lines += ["", format_table(rows, markdown=True), ""]
    problems = [r for r in rows if r["pp_status"] not in ("ok",)]
    if problems:
        lines += ["## Modules that did not run to the end under ProtoPy", "",
                  "| module | status | reason |", "|---|---|---|"]
        for r in problems:
            reason = r["pp_reason"].replace("|", "\\|")
            lines.append(f"| {r['module']} | {r['pp_status']} | {reason} |")
        lines.append("")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


# ---------------------------------------------------------------- main


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("names", nargs="*", help="modules or groups of modules.txt (default: os language)")
    p.add_argument("--bless", action="store_true", help="run CPython and write the baseline")
    p.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    p.add_argument("-j", "--jobs", type=int, default=1)
    p.add_argument("--timeout", type=int, help="seconds per module (default: modules.txt, else "
                   "900 for --bless, else max(120, 5 x CPython's time))")
    p.add_argument("--report", help="write a Markdown report here")
    p.add_argument("--min-score", type=float, help="exit 1 when the score (0..1) is below this")
    p.add_argument("--out", default=os.path.join(ROOT, "target", "cpython-tests"),
                   help="folder for raw results and logs")
    p.add_argument("--count-partial", action="store_true",
                   help="count the ids a crashed or timed-out module finished")
    p.add_argument("--suggest-skip-ok", action="store_true",
                   help="run nothing: print candidate skip_ok.txt lines from the last ProtoPy run's results")
    args = p.parse_args(argv)
    if args.jobs < 1:
        p.error("-j must be at least 1")
    return args


def module_timeout(module, args, file_timeouts, timings):
    if args.timeout:
        return args.timeout
    if file_timeouts.get(module):
        return file_timeouts[module]
    if args.bless:
        return 900
    return int(max(120, 5 * timings.get(module, 24)))


def main(argv):
    args = parse_args(argv)
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        # Started in the background by a shell (nohup, "&"): the children would
        # inherit the ignored SIGINT and CPython's KeyboardInterrupt tests fail.
        signal.signal(signal.SIGINT, signal.default_int_handler)
    groups, file_timeouts = read_modules()
    modules = select_modules(args.names, groups)
    if not os.path.isdir(TESTDIR):
        raise RunnerError(f"{TESTDIR} is missing: apt-get install -y libpython3.11-testsuite")
    read_ignore()  # validates the file; the driver reads it itself
    skip_ok = read_skip_ok()
    ignored = ignore_matcher(p for p, _ in read_ignore())
    timings = read_timings()
    if args.bless:
        interpreter = CPYTHON
        out_dir = os.path.join(args.out, "cpython")
    else:
        interpreter = os.path.abspath(args.protopy)
        out_dir = os.path.join(args.out, "protopy")
        if not os.access(interpreter, os.X_OK):
            raise RunnerError(f"no ProtoPy binary at {interpreter} (build it or pass --protopy)")
        baselines = {m: read_baseline(m) for m in modules}

    if args.suggest_skip_ok:
        for m in modules:
            path = os.path.join(out_dir, m + ".jsonl")
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                events, outcomes, _ = parse_records(f)
            status, reason = module_status(events, 0, False)
            for line in suggest_skip_ok(baselines[m], ModuleRun(m, status, reason, outcomes)):
                print(line)
        return 0

    start = time.monotonic()
    runs = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {
            pool.submit(run_module, interpreter, m, out_dir,
                        module_timeout(m, args, file_timeouts, timings)): m
            for m in modules
        }
        for fut in concurrent.futures.as_completed(futures):
            run = fut.result()
            runs[run.module] = run
            c = run.counts()
            print(f"  {run.module}: {run.status} in {run.seconds:.1f} s, "
                  f"{len(run.outcomes)} ids ({c['pass']} pass, {c['fail']} fail, "
                  f"{c['error']} error, {c['skip']} skip)"
                  + (f" -- {run.reason}" if run.reason else ""), flush=True)
    elapsed = time.monotonic() - start

    if args.bless:
        for module in modules:
            write_baseline(runs[module])
            timings[module] = runs[module].seconds
        write_timings(timings)
        bad = [r for r in runs.values() if r.status in FATAL]
        print(f"blessed {len(modules)} modules in {elapsed:.0f} s into {os.path.relpath(BASELINE_DIR)}")
        for r in bad:
            print(f"WARNING: CPython {r.status} in {r.module}: {r.reason}")
        return 0

    rows = [compare(baselines[m], runs[m], skip_ok, ignored, args.count_partial) for m in modules]
    print(format_table(rows))
    for line in score_lines(rows):
        print(line)
    print(f"ProtoPy run took {elapsed:.0f} s for {len(modules)} modules (-j {args.jobs})")
    if args.report:
        write_report(args.report, rows, elapsed, args.protopy)
    t = totals(rows)
    if args.min_score is not None and ratio(t["both"], t["denom"]) < args.min_score:
        print(f"score below --min-score {args.min_score}")
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except RunnerError as exc:
        print(f"run.py: {exc}", file=sys.stderr)
        sys.exit(2)
