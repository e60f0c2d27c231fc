# A virtual environment made with `-m venv --without-pip`: started through
# its bin/python link, the interpreter finds pyvenv.cfg, sys.prefix is the
# environment, sys.base_prefix is not, sys._base_executable is the
# interpreter that made it, and the environment's site-packages (with its
# .pth files) is on sys.path; -S leaves the prefix alone.
import os
import subprocess
import sys
import tempfile

PROBE = r"""
import os, sys
env = os.environ["VENV_DIR"]
print("executable:", sys.executable == os.path.join(env, "bin", "python"))
print("prefix is env:", sys.prefix == env, sys.exec_prefix == env)
print("base differs:", sys.base_prefix != sys.prefix)
print("base prefix is the maker's:", sys.base_prefix == os.environ["PARENT_BASE"])
print("base exe:", os.path.realpath(sys._base_executable) == os.path.realpath(os.environ["PARENT_EXE"]))
site = [p for p in sys.path if p.startswith(env)]
print("env paths:", [os.path.relpath(p, env) for p in site])
try:
    import venv_probe_mod
    print("module:", venv_probe_mod.VALUE)
except ImportError as e:
    print("ImportError:", e)
print("from .pth:", any(p.endswith("extra_dir") for p in sys.path))
"""

with tempfile.TemporaryDirectory() as tmp:
    env = os.path.realpath(os.path.join(tmp, "env"))
    r = subprocess.run([sys.executable, "-m", "venv", "--without-pip", env],
                       capture_output=True, text=True)
    print("venv rc:", r.returncode, r.stderr)
    cfg = dict(
        line.split(" = ", 1) for line in open(os.path.join(env, "pyvenv.cfg")).read().splitlines()
        if " = " in line
    )
    print("cfg keys:", sorted(cfg))
    print("home:", os.path.realpath(cfg["home"]) == os.path.realpath(os.path.dirname(sys._base_executable)))
    print("no system site:", cfg["include-system-site-packages"])
    site = os.path.join(env, "lib", "python%d.%d" % sys.version_info[:2], "site-packages")
    print("site-packages made:", os.path.isdir(site))
    with open(os.path.join(site, "venv_probe_mod.py"), "w") as f:
        f.write("VALUE = 'found in the environment'\n")
    os.mkdir(os.path.join(env, "extra_dir"))
    with open(os.path.join(site, "probe.pth"), "w") as f:
        f.write(os.path.join(env, "extra_dir") + "\n")
    child_env = dict(os.environ, VENV_DIR=env, PARENT_EXE=sys.executable,
                     PARENT_BASE=sys.base_prefix)
    child_env.pop("PYTHONPATH", None)
    python = os.path.join(env, "bin", "python")
    for flags in ([], ["-S"]):
        print("--", flags)
        r = subprocess.run([python, *flags, "-c", PROBE], capture_output=True,
                           text=True, env=child_env, cwd=tmp)
        print(r.stdout, end="")
        print(r.stderr, end="")
    # sys.path[0] stays the script's folder ('' for -c), first.
    r = subprocess.run([python, "-c", "import sys; print(repr(sys.path[0]))"],
                       capture_output=True, text=True, env=child_env, cwd=tmp)
    print("path0:", r.stdout.strip())

# An environment holding a copy of the binary (--copies) finds its base
# through pyvenv.cfg's home too.
with tempfile.TemporaryDirectory() as tmp:
    env = os.path.realpath(os.path.join(tmp, "env"))
    r = subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--copies", env],
                       capture_output=True, text=True)
    print("copies rc:", r.returncode, r.stderr)
    python = os.path.join(env, "bin", "python")
    print("a copy:", not os.path.islink(python))
    r = subprocess.run([python, "-c", "import sys, sysconfig; print(sys.prefix, sys.base_prefix, sysconfig.get_default_scheme())"],
                       capture_output=True, text=True)
    prefix, base, scheme = r.stdout.split()
    print("prefix is env:", prefix == env, "base:", base == sys.base_prefix, "scheme:", scheme)
