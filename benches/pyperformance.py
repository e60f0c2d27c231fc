#!/usr/bin/python3
"""pyperformance 1.14.0 under ProtoPy and CPython 3.11 (plain Python 3; run it with /usr/bin/python3).

    /usr/bin/python3 benches/pyperformance.py [NAMES...] [--rounds R] [--timeout S]
        [--protopy BIN] [--python BIN] [--json FILE] [--list] [--min-time S] [--values N]

The benchmark scripts are pyperformance's own (the wheel from PyPI, downloaded
on first use into benches/.cache/, which git ignores; never copied into the
repository). Every benchmark of the suite whose requirements are pure Python
is listed once in BENCHMARKS below; the others are listed there too, excluded,
with the reason beside them. The list does not shrink: a benchmark that fails
under ProtoPy is reported as FAILED with the first line of its error and
counts against the goal.

Benchmarks that need third-party packages get them from PyPI through pip
(`pip install --target benches/.cache/site/<dir> -r requirements.txt`, the
versions pyperformance pins), one directory per benchmark, on PYTHONPATH for
both interpreters. Where pip picks a wheel with an optional C accelerator
(markupsafe, pyyaml, tornado, ...), CPython uses it and ProtoPy takes the
package's pure-Python fallback: that is what each interpreter gets from a
normal installation.

The scripts import `pyperf`; both interpreters get the same small shim
(benches/pyperf_shim/pyperf, see its docstring): each benchmark runs in one
process, the loop count is calibrated by doubling until one value takes
--min-time seconds, then --values values are taken and their median is the
process's result (seconds per loop). The real pyperf does not import under
ProtoPy yet (importlib.metadata needs _csv).

Each round runs every selected benchmark once under each interpreter,
alternating which goes first from round to round. A benchmark's time is the
median over the rounds of the per-process medians; the table shows both and
their ratio ProtoPy/CPython (below 1.0: ProtoPy is faster), then the geometric
mean of the ratios over the benchmarks that ran, and the FAILED ones grouped
by cause (missing module, exception, crash, timeout). A benchmark that fails
under ProtoPy is not run again in later rounds.

When --python names another ProtoPy build (a new build against an old
one), each build gets a bytecode cache tree of its own
(PYTHONPYCACHEPREFIX under benches/.cache/pycache): the two share
`__pycache__` file names but not their magic, and would otherwise rewrite
each other's files and compile again, while timed, what a benchmark
imports lazily.

NAMES select benchmarks by exact name or by the name of their directory (a
script running several, like base64 or scimark); none means all.

Options:
  --rounds R      rounds (default 3)
  --timeout S     seconds for one benchmark process (default 300)
  --protopy BIN   ProtoPy binary (default target/release/protopy)
  --python BIN    reference CPython (default /usr/bin/python3)
  --json FILE     write every measurement and failure as JSON
  --markdown FILE write the report as Markdown tables
  --from-json F   run nothing: report (and --markdown) from a --json file of an earlier run
  --min-time S    pyperf shim: seconds one value lasts at least (default 0.1)
  --values N      pyperf shim: values per process (default 3)
  --list          print the list (name, directory, options, status) and exit
  --keep-going-failed  rerun benchmarks that failed under ProtoPy in later rounds

Exit status: 0 when the run completed (failures are results), 2 when the
runner itself could not set up (download, bad names).
"""

import argparse
import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CACHE = os.path.join(HERE, ".cache")
SHIM_DIR = os.path.join(HERE, "pyperf_shim")
PYPERFORMANCE_VERSION = "1.14.0"
WHEEL = "pyperformance-%s-py3-none-any.whl" % PYPERFORMANCE_VERSION
CPYTHON = "/usr/bin/python3"

# (name, directory bm_<dir>, extra options from its .toml, excluded: reason or None)
# The names and options are pyperformance's MANIFEST and metafiles; the last
# five entries have scripts in the wheel but are not in its MANIFEST.
BENCHMARKS = [
    ("2to3", "2to3", [], None),
    ("argparse", "argparse", ["many_optionals"], None),
    ("argparse_subparsers", "argparse", ["subparsers"], None),
    ("async_generators", "async_generators", [], None),
    ("async_tree", "async_tree", ["none"], None),
    ("async_tree_cpu_io_mixed", "async_tree", ["cpu_io_mixed"], None),
    ("async_tree_io", "async_tree", ["io"], None),
    ("async_tree_memoization", "async_tree", ["memoization"], None),
    ("async_tree_eager", "async_tree", ["eager"], None),
    ("async_tree_eager_cpu_io_mixed", "async_tree", ["eager_cpu_io_mixed"], None),
    ("async_tree_eager_io", "async_tree", ["eager_io"], None),
    ("async_tree_eager_memoization", "async_tree", ["eager_memoization"], None),
    ("async_tree_tg", "async_tree", ["none", "--task-groups"], None),
    ("async_tree_cpu_io_mixed_tg", "async_tree", ["cpu_io_mixed", "--task-groups"], None),
    ("async_tree_io_tg", "async_tree", ["io", "--task-groups"], None),
    ("async_tree_memoization_tg", "async_tree", ["memoization", "--task-groups"], None),
    ("async_tree_eager_tg", "async_tree", ["eager", "--task-groups"], None),
    ("async_tree_eager_cpu_io_mixed_tg", "async_tree", ["eager_cpu_io_mixed", "--task-groups"],
     None),
    ("async_tree_eager_io_tg", "async_tree", ["eager_io", "--task-groups"], None),
    ("async_tree_eager_memoization_tg", "async_tree", ["eager_memoization", "--task-groups"],
     None),
    ("asyncio_tcp", "asyncio_tcp", [], None),
    ("asyncio_tcp_ssl", "asyncio_tcp", ["--ssl"], None),
    ("asyncio_websockets", "asyncio_websockets", [], None),  # websockets (pure fallback)
    ("base64", "base64", [], None),
    ("bpe_tokeniser", "bpe_tokeniser", [], None),
    ("concurrent_imap", "concurrent_imap", [], None),
    ("coroutines", "coroutines", [], None),
    ("coverage", "coverage", [], None),  # coverage: C tracer optional (PyTracer)
    ("gc_traversal", "gc_traversal", [], None),
    ("gc_collect", "gc_collect", [], None),
    ("generators", "generators", [], None),
    ("chameleon", "chameleon", [], None),
    ("chaos", "chaos", [], None),
    ("comprehensions", "comprehensions", [], None),
    ("crypto_pyaes", "crypto_pyaes", [], None),
    ("dask", "dask", [],
     "dask[distributed] needs psutil, a C extension that distributed imports unconditionally"),
    ("deepcopy", "deepcopy", [], None),
    ("deltablue", "deltablue", [], None),
    ("django_template", "django_template", [], None),
    ("dulwich_log", "dulwich_log", [], None),  # dulwich: C helpers optional
    ("docutils", "docutils", [], None),
    ("fannkuch", "fannkuch", [], None),
    ("fastapi", "fastapi", [],
     "fastapi needs pydantic v2, whose core (pydantic-core) is a compiled Rust extension"),
    ("float", "float", [], None),
    ("genshi", "genshi", [], None),  # genshi: C speedups optional
    ("go", "go", [], None),
    ("hexiom", "hexiom", [], None),
    ("hg_startup", "hg_startup", [],
     "disabled in pyperformance's own MANIFEST (needs an installed `hg` program; mercurial's"
     " default module policy loads C extensions)"),
    ("html5lib", "html5lib", [], None),
    ("json_dumps", "json_dumps", [], None),
    ("json_loads", "json_loads", [], None),
    ("logging", "logging", [], None),
    ("mako", "mako", [], None),  # markupsafe: C speedups optional
    ("mdp", "mdp", [], None),
    ("meteor_contest", "meteor_contest", [], None),
    ("networkx", "networkx", ["shortest_path"], None),
    ("networkx_connected_components", "networkx", ["connected_components"], None),
    ("networkx_k_core", "networkx", ["k_core"], None),
    ("nbody", "nbody", [], None),
    ("nqueens", "nqueens", [], None),
    ("pathlib", "pathlib", [], None),
    ("pickle", "pickle", ["pickle"], None),
    ("pickle_dict", "pickle", ["pickle_dict"], None),
    ("pickle_list", "pickle", ["pickle_list"], None),
    ("pickle_pure_python", "pickle", ["--pure-python", "pickle"], None),
    ("pidigits", "pidigits", [], None),
    ("pprint", "pprint", [], None),
    ("pyflate", "pyflate", [], None),
    ("python_startup", "python_startup", [], None),
    ("python_startup_no_site", "python_startup", ["--no-site"], None),
    ("raytrace", "raytrace", [], None),
    ("regex_compile", "regex_compile", [], None),
    ("regex_dna", "regex_dna", [], None),
    ("regex_effbot", "regex_effbot", [], None),
    ("regex_v8", "regex_v8", [], None),
    ("richards", "richards", [], None),
    ("richards_super", "richards_super", [], None),
    ("scimark", "scimark", [], None),
    ("spectral_norm", "spectral_norm", [], None),
    ("sphinx", "sphinx", [], None),
    ("sqlalchemy_declarative", "sqlalchemy_declarative", [], None),  # greenlet unused (sync)
    ("sqlalchemy_imperative", "sqlalchemy_imperative", [], None),
    ("sqlglot_v2", "sqlglot_v2", ["normalize"], None),
    ("sqlglot_v2_parse", "sqlglot_v2", ["parse"], None),
    ("sqlglot_v2_transpile", "sqlglot_v2", ["transpile"], None),
    ("sqlglot_v2_optimize", "sqlglot_v2", ["optimize"], None),
    ("sqlite_synth", "sqlite_synth", [], None),
    ("sympy", "sympy", [], None),
    ("telco", "telco", [], None),
    ("tomli_loads", "tomli_loads", [], None),
    ("tornado_http", "tornado_http", [], None),  # tornado: C speedups optional
    ("typing_runtime_protocols", "typing_runtime_protocols", [], None),
    ("unpack_sequence", "unpack_sequence", [], None),
    ("unpickle", "pickle", ["unpickle"], None),
    ("unpickle_list", "pickle", ["unpickle_list"], None),
    ("unpickle_pure_python", "pickle", ["--pure-python", "unpickle"], None),
    ("xdsl", "xdsl", [], None),
    ("xml_etree", "xml_etree", [], None),
    # In the wheel, not in the MANIFEST:
    ("barnes_hut", "barnes_hut", [], None),
    ("decimal_factorial", "decimal_factorial", [], None),
    ("decimal_pi", "decimal_pi", [], None),
    ("yaml", "yaml", [], None),  # pyyaml: C loader optional
]

CAUSES = ("missing module", "exception", "crash", "timeout")


class SetupError(Exception):
    """The runner cannot set up (download, install, arguments): exit status 2."""


# ---------------------------------------------------------------- set-up


def benchmarks_dir():
    """The extracted wheel's benchmark directory, downloading the wheel when missing."""
    root = os.path.join(CACHE, "pyperformance-" + PYPERFORMANCE_VERSION)
    bench_root = os.path.join(root, "pyperformance", "data-files", "benchmarks")
    if os.path.isdir(bench_root):
        return bench_root
    os.makedirs(CACHE, exist_ok=True)
    wheel = os.path.join(CACHE, WHEEL)
    if not os.path.exists(wheel):
        print("downloading pyperformance %s from PyPI..." % PYPERFORMANCE_VERSION, flush=True)
        proc = subprocess.run([CPYTHON, "-m", "pip", "download", "--disable-pip-version-check",
                               "--no-deps", "-d", CACHE,
                               "pyperformance==" + PYPERFORMANCE_VERSION])
        if proc.returncode or not os.path.exists(wheel):
            raise SetupError("pip download pyperformance==%s failed" % PYPERFORMANCE_VERSION)
    tmp = root + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(tmp)
    os.rename(tmp, root)
    return bench_root


def site_dir(bench_root, directory):
    """The directory with the benchmark's third-party packages (installed on first
    use), None when it has no requirements file, or raises SetupError."""
    req = os.path.join(bench_root, "bm_" + directory, "requirements.txt")
    if not os.path.exists(req):
        return None
    target = os.path.join(CACHE, "site", directory)
    marker = os.path.join(target, ".installed")
    if os.path.exists(marker):
        return target
    shutil.rmtree(target, ignore_errors=True)
    print("installing the requirements of %s (pip, into %s)..."
          % (directory, os.path.relpath(target, ROOT)), flush=True)
    proc = subprocess.run([CPYTHON, "-m", "pip", "install", "--disable-pip-version-check",
                           "--no-compile", "--quiet", "--target", target, "-r", req],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode:
        tail = proc.stdout.strip().splitlines()[-1:] or ["?"]
        raise SetupError("pip install -r %s failed: %s" % (req, tail[0]))
    with open(marker, "w") as fh:
        fh.write("\n")
    return target


# ---------------------------------------------------------------- running


def classify(returncode, stderr, timed_out, timeout):
    """(cause, first line) of a failed run."""
    if timed_out:
        return "timeout", "no result after %g s" % timeout
    lines = [line for line in stderr.splitlines() if line.strip()]
    panic = [line for line in lines if "panicked at" in line]
    if panic:
        return "crash", panic[0].strip()
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = "signal %d" % -returncode
        return "crash", "killed by %s" % name
    # The exception line of the first traceback (the root cause when
    # exceptions are chained): its first line that is not indented.
    exc = None
    seen_traceback = False
    for line in lines:
        if line.startswith("Traceback (most recent call last)"):
            seen_traceback = True
        elif seen_traceback and not line.startswith((" ", "\t")):
            exc = line.strip()
            break
    if exc:
        if exc.startswith(("ModuleNotFoundError", "ImportError")):
            return "missing module", exc
        return "exception", exc
    last = lines[-1].strip() if lines else "exit status %s, no output" % returncode
    return "crash", "exit status %s: %s" % (returncode, last)


def own_pycache(interps):
    """{side: PYTHONPYCACHEPREFIX} when both sides are ProtoPy builds (a
    new build against an old one): they share `__pycache__` file names
    (the `protopy-311` tag) but not their magic, so each would reject and
    rewrite the other's files, and every process would compile again the
    modules a benchmark imports while it is timed. Each build then gets a
    cache tree of its own under benches/.cache/pycache. Empty otherwise."""
    names = {}
    for side, binary in interps.items():
        try:
            names[side] = subprocess.run(
                [binary, "-c", "import sys; print(sys.implementation.name)"],
                capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            names[side] = ""
    if any(n != "protopy" for n in names.values()):
        return {}
    return {side: os.path.join(CACHE, "pycache", side) for side in interps}


def run_one(binary, bench_root, entry, site, timeout, min_time, values, pycache=None):
    """Runs one benchmark script under `binary`. Returns a dict: ok, results
    {sub-benchmark: median seconds}, wall, and cause/error when not ok.
    `pycache`: the interpreter's own PYTHONPYCACHEPREFIX (see own_pycache)."""
    name, directory, opts, _ = entry
    script = os.path.join(bench_root, "bm_" + directory, "run_benchmark.py")
    env = dict(os.environ)
    if pycache:
        env["PYTHONPYCACHEPREFIX"] = pycache
    path = [SHIM_DIR] + ([site] if site else [])
    env["PYTHONPATH"] = os.pathsep.join(path)
    env["PYPERF_SHIM_MIN_TIME"] = repr(min_time)
    env["PYPERF_SHIM_VALUES"] = str(values)
    with tempfile.TemporaryDirectory(prefix="pyperformance-") as work:
        out = os.path.join(work, "results.jsonl")
        env["PYPERF_SHIM_OUTPUT"] = out
        run_dir = os.path.join(work, "cwd")
        os.mkdir(run_dir)
        t0 = time.monotonic()
        proc = subprocess.Popen([binary, script] + opts, cwd=run_dir, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, errors="replace",
                                start_new_session=True)
        timed_out = False
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGKILL)
            _, stderr = proc.communicate()
        except BaseException:
            # Interrupted (Ctrl-C, SIGTERM): the benchmark's process group
            # goes with the runner.
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise
        wall = time.monotonic() - t0
        results = {}
        if os.path.exists(out):
            with open(out) as fh:
                for line in fh:
                    record = json.loads(line)
                    results[record["name"]] = record["median"]
    result = {"ok": not timed_out and proc.returncode == 0 and bool(results),
              "results": results, "wall": wall}
    if not result["ok"]:
        if not timed_out and proc.returncode == 0:
            result["cause"], result["error"] = "exception", "exited 0 without a result"
        else:
            result["cause"], result["error"] = classify(proc.returncode, stderr, timed_out,
                                                        timeout)
        result["stderr_tail"] = stderr[-4000:]
    return result


# ---------------------------------------------------------------- report


def fmt_time(seconds):
    if seconds is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return "%.3g %s" % (seconds / scale, unit)
    return "%.3g ns" % (seconds / 1e-9)


def summarise(selected, runs):
    """Per benchmark: rows (sub-benchmark, protopy, cpython, ratio) and failures."""
    rows = []
    failures = []
    for entry in selected:
        name = entry[0]
        per = runs.get(name, {"protopy": [], "cpython": []})
        medians = {}
        for interp in ("protopy", "cpython"):
            by_sub = {}
            for run in per[interp]:
                for sub, value in run["results"].items():
                    by_sub.setdefault(sub, []).append(value)
            medians[interp] = {sub: statistics.median(v) for sub, v in by_sub.items()}
        subs = list(medians["cpython"]) + [s for s in medians["protopy"]
                                           if s not in medians["cpython"]]
        for sub in subs:
            p = medians["protopy"].get(sub)
            c = medians["cpython"].get(sub)
            ratio = p / c if p is not None and c else None
            label = name if sub == name else "%s [%s]" % (name, sub)
            rows.append({"benchmark": name, "name": label, "protopy": p, "cpython": c,
                         "ratio": ratio})
        for interp in ("protopy", "cpython"):
            bad = [run for run in per[interp] if not run["ok"]]
            if bad:
                failures.append({"benchmark": name, "interpreter": interp,
                                 "cause": bad[0]["cause"], "error": bad[0]["error"]})
        if not subs and not any(f["benchmark"] == name for f in failures):
            failures.append({"benchmark": name, "interpreter": "protopy", "cause": "exception",
                             "error": "no result"})
    return rows, failures


def print_report(rows, failures, excluded, protopy, python):
    width = max([len(r["name"]) for r in rows] + [20])
    print()
    print("pyperformance %s: %s vs %s" % (PYPERFORMANCE_VERSION, protopy, python))
    print("%-*s %12s %12s %8s" % (width, "benchmark", "protopy", "cpython", "ratio"))
    failed_names = {f["benchmark"] for f in failures if f["interpreter"] == "protopy"}
    for row in rows:
        ratio = "%.2f" % row["ratio"] if row["ratio"] is not None else "-"
        if row["protopy"] is None and row["benchmark"] in failed_names:
            ratio = "FAILED"
        print("%-*s %12s %12s %8s" % (width, row["name"], fmt_time(row["protopy"]),
                                      fmt_time(row["cpython"]), ratio))
    ratios = [r["ratio"] for r in rows if r["ratio"] is not None]
    geomean = math.exp(sum(math.log(r) for r in ratios) / len(ratios)) if ratios else None
    print()
    if geomean is not None:
        print("geometric mean of ratio protopy/cpython over %d results: %.3f"
              % (len(ratios), geomean))
        print("results above 2.0: %d" % sum(1 for r in ratios if r > 2.0))
    ppy_failed = [f for f in failures if f["interpreter"] == "protopy"]
    print("FAILED under ProtoPy: %d benchmarks" % len(ppy_failed))
    for cause in CAUSES:
        group = [f for f in ppy_failed if f["cause"] == cause]
        if group:
            print("  %s (%d):" % (cause, len(group)))
            for f in group:
                print("    %-32s %s" % (f["benchmark"], f["error"]))
    cpy_failed = [f for f in failures if f["interpreter"] == "cpython"]
    if cpy_failed:
        print("failed under CPython (the runner's set-up, not ProtoPy's): %d" % len(cpy_failed))
        for f in cpy_failed:
            print("    %-32s %s: %s" % (f["benchmark"], f["cause"], f["error"]))
    if excluded:
        print("excluded (requirements not pure Python): %d" % len(excluded))
        for name, reason in excluded:
            print("    %-32s %s" % (name, reason))
    return geomean


def markdown(rows, failures, excluded, geomean):
    """The report as Markdown (the tables docs/PERFORMANCE.md shows)."""
    out = ["| benchmark | ProtoPy | CPython 3.11 | ratio |", "|---|---:|---:|---:|"]
    failed_names = {f["benchmark"] for f in failures if f["interpreter"] == "protopy"}
    for row in rows:
        ratio = "%.2f" % row["ratio"] if row["ratio"] is not None else "-"
        if row["protopy"] is None and row["benchmark"] in failed_names:
            ratio = "FAILED"
        out.append("| %s | %s | %s | %s |" % (row["name"], fmt_time(row["protopy"]),
                                             fmt_time(row["cpython"]), ratio))
    ratios = [r["ratio"] for r in rows if r["ratio"] is not None]
    out.append("")
    if geomean is not None:
        out.append("Geometric mean of the ratio over the %d results that ran: **%.2f**; "
                   "above 2.0: %d." % (len(ratios), geomean, sum(1 for r in ratios if r > 2.0)))
    ppy_failed = [f for f in failures if f["interpreter"] == "protopy"]
    out.append("")
    out.append("FAILED under ProtoPy: %d benchmarks." % len(ppy_failed))
    for cause in CAUSES:
        group = [f for f in ppy_failed if f["cause"] == cause]
        if group:
            out.append("")
            out.append("%s (%d):" % (cause.capitalize(), len(group)))
            out.append("")
            for f in group:
                out.append("- `%s`: %s" % (f["benchmark"], f["error"]))
    if excluded:
        out.append("")
        out.append("Excluded (requirements not pure Python): %d." % len(excluded))
        out.append("")
        for name, reason in excluded:
            out.append("- `%s`: %s" % (name, reason))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- main


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="pyperformance under ProtoPy and CPython (see the module docstring)")
    parser.add_argument("names", nargs="*")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    parser.add_argument("--python", default=CPYTHON)
    parser.add_argument("--json", dest="json_file")
    parser.add_argument("--markdown", dest="markdown_file")
    parser.add_argument("--from-json", dest="from_json")
    parser.add_argument("--min-time", type=float, default=0.1)
    parser.add_argument("--values", type=int, default=3)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--keep-going-failed", action="store_true")
    args = parser.parse_args(argv)

    if args.list:
        for name, directory, opts, excluded in BENCHMARKS:
            print("%-34s bm_%-24s %-30s %s" % (name, directory, " ".join(opts),
                                                "excluded: " + excluded if excluded else ""))
        return 0

    if args.from_json:
        with open(args.from_json) as fh:
            data = json.load(fh)
        excluded = [(e["benchmark"], e["reason"]) for e in data["excluded"]]
        print_report(data["rows"], data["failures"], excluded, data["protopy"], data["cpython"])
        if args.markdown_file:
            with open(args.markdown_file, "w") as fh:
                fh.write(markdown(data["rows"], data["failures"], excluded, data["geomean"]))
        return 0

    selected = BENCHMARKS
    if args.names:
        known = {e[0] for e in BENCHMARKS} | {e[1] for e in BENCHMARKS}
        unknown = [n for n in args.names if n not in known]
        if unknown:
            raise SetupError("unknown benchmark(s): %s (see --list)" % ", ".join(unknown))
        selected = [e for e in BENCHMARKS if e[0] in args.names or e[1] in args.names]
    protopy = os.path.abspath(args.protopy)
    if not os.access(protopy, os.X_OK):
        raise SetupError("no ProtoPy binary at %s (build it or pass --protopy)" % protopy)

    bench_root = benchmarks_dir()
    excluded = [(e[0], e[3]) for e in selected if e[3]]
    runnable = [e for e in selected if not e[3]]
    sites = {}
    runs = {e[0]: {"protopy": [], "cpython": []} for e in runnable}
    setup_failed = []
    for entry in runnable:
        if entry[1] not in sites:
            try:
                sites[entry[1]] = site_dir(bench_root, entry[1])
            except SetupError as exc:
                sites[entry[1]] = exc
        if isinstance(sites[entry[1]], SetupError):
            setup_failed.append(entry[0])
            fail = {"ok": False, "results": {}, "wall": 0.0, "cause": "exception",
                    "error": "set-up: %s" % sites[entry[1]]}
            runs[entry[0]]["cpython"].append(fail)

    interps = {"protopy": protopy, "cpython": args.python}
    pycaches = own_pycache(interps)
    start = time.monotonic()
    for rnd in range(args.rounds):
        order = ("protopy", "cpython") if rnd % 2 == 0 else ("cpython", "protopy")
        for entry in runnable:
            name = entry[0]
            if name in setup_failed:
                continue
            for interp in order:
                previous = runs[name][interp]
                if previous and not previous[-1]["ok"] and not args.keep_going_failed:
                    continue
                res = run_one(interps[interp], bench_root, entry, sites[entry[1]],
                              args.timeout, args.min_time, args.values,
                              pycaches.get(interp))
                res["round"] = rnd
                previous.append(res)
                status = ("ok %s" % ", ".join("%s=%s" % (k, fmt_time(v))
                                              for k, v in list(res["results"].items())[:3])
                          if res["ok"] else "FAILED (%s: %s)%s" % (
                              res["cause"], res["error"],
                              " after %d results" % len(res["results"])
                              if res["results"] else ""))
                print("[round %d/%d %6.0fs] %-30s %-8s %5.1fs %s"
                      % (rnd + 1, args.rounds, time.monotonic() - start, name, interp,
                         res["wall"], status), flush=True)

    rows, failures = summarise(runnable, runs)
    geomean = print_report(rows, failures, excluded, protopy, args.python)
    if args.json_file:
        data = {
            "pyperformance": PYPERFORMANCE_VERSION,
            "protopy": protopy,
            "cpython": args.python,
            "rounds": args.rounds,
            "min_time": args.min_time,
            "values": args.values,
            "geomean": geomean,
            "rows": rows,
            "failures": failures,
            "excluded": [{"benchmark": n, "reason": r} for n, r in excluded],
            "runs": {name: {interp: [{k: v for k, v in run.items()}
                                     for run in per[interp]] for interp in per}
                     for name, per in runs.items()},
        }
        with open(args.json_file, "w") as fh:
            json.dump(data, fh, indent=1)
        print("wrote %s" % args.json_file)
    if args.markdown_file:
        with open(args.markdown_file, "w") as fh:
            fh.write(markdown(rows, failures, excluded, geomean))
    return 0


def _terminate(signum, frame):
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    try:
        sys.exit(main())
    except SetupError as exc:
        print("pyperformance.py: %s" % exc, file=sys.stderr)
        sys.exit(2)
