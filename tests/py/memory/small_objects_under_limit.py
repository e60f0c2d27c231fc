# Python loops that fill a limited address space with small objects, in a
# child process: the allocation the system refuses ends as a MemoryError
# (an uncaught one: exit code 1 and the traceback's last line "MemoryError";
# a caught one lets the program go on and allocate again), never an abort
# or a crash of the interpreter.
import resource
import subprocess
import sys

LIMIT = 640 << 20  # address space of each child, in bytes


def limit():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def child(label, code):
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=300,
    )
    err = r.stderr.strip().splitlines()
    last = err[-1] if err else ""
    print(f"{label:<18} exit {r.returncode}  stderr {last!r}  stdout {r.stdout.split()}")


PRELUDE = "import itertools\n"

child("nested lists", PRELUDE + "x = [[i] for i in itertools.count()]")
child("tuples of str", PRELUDE + "x = [(i, str(i)) for i in itertools.count()]")
child("appends", PRELUDE + "x = []\nfor i in itertools.count():\n    x.append([i, i])")
child("caught, twice", PRELUDE + """
for attempt in range(2):
    try:
        x = [[i] for i in itertools.count()]
    except MemoryError:
        x = None
    print('recovered', attempt)
y = [[i] for i in range(100_000)]
print(len(y), y[-1])
""")
