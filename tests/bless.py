#!/usr/bin/env python3
"""Regenerate the expected output of golden tests with CPython 3.11.

Usage: python3 tests/bless.py [PATH ...]   (files or folders under tests/py; default: all)

For each tests/py/<area>/<name>.py it runs `/usr/bin/python3 tests/py/<area>/<name>.py`
from the repository root and writes beside it (with the absolute repository root,
which CPython prints in tracebacks, replaced by nothing so the files do not depend
on where the checkout lives; the golden runner normalises ProtoPy's output the same way):
  <name>.out   standard output (always written)
  <name>.err   standard error, only when non-empty
  <name>.code  the exit code, only when it is not 0
Programs read no standard input and must finish within 60 seconds.

Python 3.12 syntax that CPython 3.11 cannot run (PEP 695 type parameters) is
tested by programs whose first line is `# bless-with: python3.12`: those are
blessed with CPython 3.12 (/usr/bin/python3.12 or a pyenv 3.12 install).
"""
import glob
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def programs(paths):
    for p in paths:
        p = os.path.relpath(os.path.abspath(p), ROOT)
        if os.path.isdir(os.path.join(ROOT, p)):
            for d, dirs, files in os.walk(os.path.join(ROOT, p)):
                dirs[:] = sorted(x for x in dirs if not x.startswith("_") and x != "__pycache__")
                for f in sorted(files):
                    if f.endswith(".py") and not f.startswith("_"):
                        yield os.path.relpath(os.path.join(d, f), ROOT)
        elif p.endswith(".py"):
            yield p


def interpreter_for(rel):
    with open(os.path.join(ROOT, rel), "rb") as f:
        first = f.readline().strip()
    if first == b"# bless-with: python3.12":
        found = sorted(glob.glob("/usr/bin/python3.12")
                       + glob.glob(os.path.expanduser("~/.pyenv/versions/3.12*/bin/python3.12")))
        if not found:
            sys.exit(f"{rel} needs CPython 3.12 to be blessed, and none was found")
        return found[-1]
    return PY


def bless(rel):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8",
               LANG="C.UTF-8")
    # One locale for blessing and checking (the golden runner sets the same):
    # it decides the UTF-8 mode and the default text encoding's name.
    env.pop("LC_ALL", None)
    env.pop("LC_CTYPE", None)
    r = subprocess.run([interpreter_for(rel), rel], cwd=ROOT, capture_output=True, timeout=60, env=env,
                       stdin=subprocess.DEVNULL)
    base = os.path.join(ROOT, rel[:-3])
    prefix = (ROOT + os.sep).encode()
    r.stdout = r.stdout.replace(prefix, b"")
    r.stderr = r.stderr.replace(prefix, b"")
    with open(base + ".out", "wb") as f:
        f.write(r.stdout)
    for ext, data, present in ((".err", r.stderr, bool(r.stderr)),
                               (".code", b"%d\n" % r.returncode, r.returncode != 0)):
        if present:
            with open(base + ext, "wb") as f:
                f.write(data)
        elif os.path.exists(base + ext):
            os.remove(base + ext)
    return r.returncode


def main():
    paths = sys.argv[1:] or [os.path.join(ROOT, "tests", "py")]
    n = 0
    for rel in programs(paths):
        bless(rel)
        n += 1
    print(f"blessed {n} programs")


if __name__ == "__main__":
    main()
