# subprocess's preexec_fn: Python code run in the child between fork and
# exec (after the pipes are in place), its effects on the program run, and
# an exception in it reported as SubprocessError.
import os
import subprocess
import sys

r = subprocess.run(
    [sys.executable, "-c", "import os; print(os.environ['FROM_PREEXEC'])"],
    preexec_fn=lambda: os.environ.__setitem__("FROM_PREEXEC", "set in child"),
    capture_output=True,
    text=True,
)
print(r.returncode, r.stdout.strip())
print("parent unchanged:", "FROM_PREEXEC" not in os.environ)

# What preexec_fn prints goes to the child's stdout pipe.
r = subprocess.run(["echo", "program"], preexec_fn=lambda: print("preexec", flush=True),
                   capture_output=True, text=True)
print(r.stdout.split())

# It runs with the pipes in place: closing stdin makes the program see none.
r = subprocess.run(
    [sys.executable, "-c", "import sys; print(sys.stdin is None)"],
    preexec_fn=lambda: os.close(0),
    stdin=subprocess.PIPE,
    capture_output=True,
    text=True,
)
print("stdin closed:", r.stdout.strip())


def fails():
    raise RuntimeError("no")


try:
    subprocess.run(["echo", "never"], preexec_fn=fails)
except subprocess.SubprocessError as e:
    print(type(e).__name__, e)

# A working directory change happens before it runs.
r = subprocess.run([sys.executable, "-c", "pass"], cwd="/",
                   preexec_fn=lambda: print(os.getcwd(), flush=True),
                   capture_output=True, text=True)
print(r.stdout.strip())
