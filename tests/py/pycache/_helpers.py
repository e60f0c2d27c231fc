# Shared by the pycache tests: runs this interpreter on a snippet in a
# folder, with the bytecode cache switched on (the environment may set
# PYTHONDONTWRITEBYTECODE) unless the caller's options say otherwise.
import os
import subprocess
import sys


def clean_env(**extra):
    env = dict(os.environ)
    for k in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
        env.pop(k, None)
    env.update(extra)
    return env


def run(folder, code, *opts, env=None):
    r = subprocess.run(
        [sys.executable, *opts, "-c", code],
        cwd=folder,
        env=env if env is not None else clean_env(),
        capture_output=True,
        text=True,
    )
    lines = r.stderr.strip().splitlines()
    return r.stdout.strip(), r.returncode, lines[-1] if lines else ""


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def same_size_edit(path, old, new):
    """Replaces old by new (same length) and keeps the file's mtime, so that
    a timestamp-based cache file still matches it."""
    assert len(old) == len(new)
    st = os.stat(path)
    with open(path) as f:
        text = f.read()
    write(path, text.replace(old, new))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
