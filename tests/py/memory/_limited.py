# Helper of the memory goldens: runs Python code in a child process whose
# address space is limited, and prints the child's exit code, the last line
# of its stderr and the words of its stdout.
import resource
import subprocess
import sys

LIMIT = 640 << 20  # address space of each child, in bytes


def _limit():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def child(label, code, width, timeout=120):
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        preexec_fn=_limit,
        timeout=timeout,
    )
    err = r.stderr.strip().splitlines()
    last = err[-1] if err else ""
    print(f"{label:<{width}} exit {r.returncode}  stderr {last!r}  stdout {r.stdout.split()}")
