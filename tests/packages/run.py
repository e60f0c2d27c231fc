#!/usr/bin/env python3
"""Pure-Python packages' own test suites under pytest, ProtoPy beside CPython.

Usage: python3 tests/packages/run.py [--protopy BIN] [--python PY] [NAME ...]

For each package listed in PACKAGES (all of them by default), as a user
would do it:
  1. the host's pip downloads the package's pure-Python wheel, pytest's and
     those of the test dependencies (`--only-binary :all: --platform any
     --implementation py`, so both interpreters get the same files), and the
     package's source distribution, which holds its tests;
  2. `INTERP -m venv` makes an environment for each interpreter (ProtoPy's
     bin/python is ProtoPy) and `bin/python -m pip install --no-index
     --find-links WHEELS` installs the wheels into it;
  3. `bin/python -m pytest` runs the tests of a fresh copy of the unpacked
     source distribution, writing a JUnit XML report;
  4. the reports are compared test id by test id.

Downloads, environments and reports are kept under the cache folder
($PROTOPY_PACKAGES_CACHE, else ~/.cache/protopy-packages); a second run
reuses the downloads and makes fresh environments. Needs the network (PyPI
or a mirror pip is configured for) on the first run of a package.

Prints one row per package (passed/failed/error/skipped under each
interpreter, the ids that pass on CPython and on ProtoPy) and lists the ids
that pass on CPython only. Exit status 0 when every package ran under both
interpreters (failures are reported, not fatal), 1 otherwise.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PYTEST = "pytest==9.2.0"

# name: (requirement, test paths in the source distribution, test
# dependencies, extra pytest arguments). Pinned so that runs compare.
PACKAGES = {
    "more-itertools": ("more-itertools==11.2.1", ["tests"], [], []),
    "six": ("six==1.17.0", ["test_six.py"], [], []),
    "iniconfig": ("iniconfig==2.3.1", ["testing"], [], []),
    # testing/benchmark.py needs pytest-benchmark, a timing tool.
    "pluggy": ("pluggy==1.7.0", ["testing"], [], ["--ignore=testing/benchmark.py"]),
    "toolz": ("toolz==1.2.0", ["toolz/tests"], [], []),
    "click": ("click==8.5.1", ["tests"], [], []),
    # test_diagram.py needs railroad-diagrams and jinja2 (markupsafe has no
    # pure wheel), test_matplotlib_cases.py matplotlib.
    "pyparsing": (
        "pyparsing==3.2.0",
        ["tests"],
        [],
        ["--ignore=tests/test_diagram.py", "--ignore=tests/test_matplotlib_cases.py"],
    ),
    "idna": ("idna==3.10", ["tests"], [], []),
}


class SetupError(Exception):
    pass


def cache_dir():
    d = os.environ.get("PROTOPY_PACKAGES_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "protopy-packages"
    )
    os.makedirs(d, exist_ok=True)
    return d


def run(cmd, timeout=None, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)


def host_pip(args):
    p = run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args])
    if p.returncode:
        raise SetupError("pip %s failed:\n%s" % (" ".join(args), (p.stdout + p.stderr)[-2000:]))


def fetch(cache, req, deps):
    """Wheels (pure) into cache/wheels; the sdist into cache/sdists. Returns
    the sdist's path."""
    wheels = os.path.join(cache, "wheels")
    sdists = os.path.join(cache, "sdists")
    os.makedirs(wheels, exist_ok=True)
    os.makedirs(sdists, exist_ok=True)
    name, version = req.split("==")
    stem = "%s-%s" % (name.replace("-", "_"), version)
    found = [f for f in os.listdir(sdists) if f.lower().startswith(stem.lower()) and f.endswith(".tar.gz")]
    if not found:
        host_pip(["download", "--no-binary", ":all:", "--no-deps", "-d", sdists, req])
        found = [f for f in os.listdir(sdists) if f.lower().startswith(stem.lower()) and f.endswith(".tar.gz")]
        if not found:
            raise SetupError("no source distribution for %s in %s" % (req, sdists))
    host_pip([
        "download", "--only-binary", ":all:", "--platform", "any", "--python-version", "3.11",
        "--implementation", "py", "-d", wheels, PYTEST, req, *deps,
    ])
    return os.path.join(sdists, found[0])


def make_env(cache, label, interp, req, deps):
    """A fresh venv made by `interp`, with pytest, the package and its test
    dependencies installed by its own pip. Returns its python."""
    env = os.path.join(cache, "envs", label)
    shutil.rmtree(env, ignore_errors=True)
    p = run([interp, "-m", "venv", env], timeout=600)
    py = os.path.join(env, "bin", "python")
    if p.returncode or not os.path.exists(py):
        raise SetupError("%s -m venv failed:\n%s" % (interp, (p.stdout + p.stderr)[-2000:]))
    p = run([py, "-m", "pip", "--disable-pip-version-check", "install", "--no-index",
             "--find-links", os.path.join(cache, "wheels"), PYTEST, req, *deps], timeout=900)
    if p.returncode:
        raise SetupError("pip install into the %s environment failed:\n%s" % (label, (p.stdout + p.stderr)[-2000:]))
    return py


def unpack(sdist, into):
    with tarfile.open(sdist) as t:
        if hasattr(tarfile, "data_filter"):
            t.extractall(into, filter="data")
        else:
            # CPython 3.11.2 (Debian's /usr/bin/python3) predates extraction
            # filters: refuse what the "data" filter would, paths that leave
            # the folder and links.
            for m in t.getmembers():
                parts = m.name.split("/")
                if m.name.startswith("/") or ".." in parts or m.issym() or m.islnk():
                    raise SetupError("unsafe member %r in %s" % (m.name, sdist))
            t.extractall(into)
    (top,) = os.listdir(into)
    return os.path.join(into, top)


def outcomes(report):
    """{test id: outcome} from a JUnit XML report."""
    out = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        tid = "%s::%s" % (case.get("classname", ""), case.get("name", ""))
        kinds = [c.tag for c in case]
        if "failure" in kinds:
            o = "failed"
        elif "error" in kinds:
            o = "error"
        elif "skipped" in kinds:
            o = "skipped"
        else:
            o = "passed"
        # A test with an error in teardown appears twice: the worse counts.
        if out.get(tid) in ("failed", "error"):
            continue
        out[tid] = o
    return out


def run_suite(py, sdist, paths, extra, work, label, timeout):
    src = unpack(sdist, os.path.join(work, label))
    report = os.path.join(work, label + ".xml")
    env = dict(os.environ)
    for k in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"):
        env.pop(k, None)
    t0 = time.monotonic()
    try:
        p = run([py, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--junitxml", report,
                 *extra, *paths], timeout=timeout, cwd=src, env=env)
        tail = (p.stdout + p.stderr).strip().splitlines()[-1:]
        status = "ok" if os.path.exists(report) else "no report (exit %d)" % p.returncode
    except subprocess.TimeoutExpired:
        tail, status = [], "timeout after %d s" % timeout
    took = time.monotonic() - t0
    res = outcomes(report) if os.path.exists(report) else {}
    return res, status, took, tail


def count(res, kind):
    return sum(1 for o in res.values() if o == kind)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--timeout", type=int, default=1200, help="per test suite, seconds")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    names = args.names or list(PACKAGES)
    unknown = [n for n in names if n not in PACKAGES]
    if unknown:
        ap.error("unknown package(s): %s (known: %s)" % (", ".join(unknown), ", ".join(PACKAGES)))
    protopy = os.path.abspath(args.protopy)
    cache = cache_dir()
    work = tempfile.mkdtemp(prefix="protopy-packages-")
    rows, only_cpython, broken = [], {}, []
    for name in names:
        req, paths, deps, extra = PACKAGES[name]
        try:
            sdist = fetch(cache, req, deps)
            results = {}
            for label, interp in (("cpython", args.python), ("protopy", protopy)):
                py = make_env(cache, "%s-%s" % (label, name), interp, req, deps)
                results[label] = run_suite(py, sdist, paths, extra, work, "%s-%s" % (label, name), args.timeout)
        except (SetupError, subprocess.TimeoutExpired) as e:
            broken.append(name)
            print("%s: %s" % (name, e), file=sys.stderr)
            continue
        c, p = results["cpython"][0], results["protopy"][0]
        for label in ("cpython", "protopy"):
            res, status, took, tail = results[label]
            print("  %-15s %-8s %s in %.1f s: %s" % (name, label, status, took, " ".join(tail)), flush=True)
            if status != "ok":
                broken.append("%s (%s)" % (name, label))
        both = sorted(t for t, o in c.items() if o == "passed" and p.get(t) == "passed")
        only_cpython[name] = sorted(t for t, o in c.items() if o == "passed" and p.get(t) != "passed")
        rows.append((name, req, c, p, len(both)))
    shutil.rmtree(work, ignore_errors=True)
    print()
    print("| package | CPython passed / failed / error / skipped | ProtoPy passed / failed / error / skipped | pass on both / pass on CPython |")
    print("|---|---|---|---|")
    tot_both = tot_c = 0
    for name, req, c, p, both in rows:
        cpass = count(c, "passed")
        tot_both += both
        tot_c += cpass
        fmt = lambda r: "%d / %d / %d / %d" % (count(r, "passed"), count(r, "failed"), count(r, "error"), count(r, "skipped"))
        print("| %s | %s | %s | %d / %d |" % (req, fmt(c), fmt(p), both, cpass))
    if tot_c:
        print("\nids passing on CPython that pass on ProtoPy: %d/%d = %.2f%%" % (tot_both, tot_c, 100.0 * tot_both / tot_c))
    for name, ids in only_cpython.items():
        if ids:
            print("\n%s: passing on CPython only (%d):" % (name, len(ids)))
            for t in ids[:30]:
                print("   ", t, "->", rows and dict((r[0], r[3]) for r in rows)[name].get(t, "absent"))
    if broken:
        print("\nnot run to completion: %s" % ", ".join(broken))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
