# Failures: a missing program, a missing cwd, a program that cannot be
# executed, a timeout, and bad arguments to fork_exec.
import os
import subprocess
import sys
import tempfile
import time


def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


attempt("missing absolute", lambda: subprocess.run(["/nonexistent/dir/prog"]))
attempt("missing on PATH", lambda: subprocess.run(["no_such_program_here_42"]))
attempt("missing cwd", lambda: subprocess.run(["true"], cwd="/nonexistent/cwd"))

with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "script")
    with open(path, "w") as f:
        f.write("echo never\n")
    os.chmod(path, 0o644)
    try:
        subprocess.run([path])
    except PermissionError as e:
        print("not executable -> PermissionError", e.errno, e.filename == path)

try:
    subprocess.run(["/nonexistent/x"])
except FileNotFoundError as e:
    print("errno", e.errno, "filename", e.filename)

t0 = time.monotonic()
try:
    subprocess.run(["sleep", "10"], timeout=0.3)
except subprocess.TimeoutExpired as e:
    print("TimeoutExpired", e.cmd, time.monotonic() - t0 < 5)

try:
    subprocess.run(["sh", "-c", "echo partial; sleep 10"], timeout=0.5, capture_output=True)
except subprocess.TimeoutExpired as e:
    print("partial output:", e.output)

p = subprocess.Popen(["sleep", "10"])
try:
    p.wait(timeout=0.2)
except subprocess.TimeoutExpired as e:
    print("wait TimeoutExpired", e.timeout)
p.kill()
print("killed:", p.wait())

p = subprocess.Popen(["sleep", "10"])
p.terminate()
print("terminated:", p.wait())

attempt("env with =", lambda: subprocess.run(["true"], env={"A=B": "1"}))
attempt("env NUL", lambda: subprocess.run(["true"], env={"A": "x\0y"}))
attempt("arg NUL", lambda: subprocess.run(["echo", "a\0b"]))
attempt("arg int", lambda: subprocess.run(["echo", 3]))

import _posixsubprocess

args = [[b"/bin/true"], [b"/bin/true"], True, (), None, None,
        -1, -1, -1, -1, -1, -1, -1, 5, True, False, -1,
        None, None, None, -1, None, True]
attempt("no args", lambda: _posixsubprocess.fork_exec())


def with_arg(i, v):
    b = list(args)
    b[i] = v
    return lambda: _posixsubprocess.fork_exec(*b)


attempt("fds not tuple", with_arg(3, [3]))
attempt("fds unsorted", with_arg(3, (4, 3)))
attempt("fds negative", with_arg(3, (-1,)))
attempt("argv not seq", with_arg(0, 5))
attempt("exec not bytes", with_arg(1, ["x"]))
attempt("env not bytes", with_arg(5, [1]))
attempt("errpipe_write low", with_arg(13, 1))
