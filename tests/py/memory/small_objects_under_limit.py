# Python loops that fill a limited address space with small objects, in a
# child process: the allocation the system refuses ends as a MemoryError
# (an uncaught one: exit code 1 and the traceback's last line "MemoryError";
# a caught one lets the program go on and allocate again), never an abort
# or a crash of the interpreter.
from _limited import child as run_child


def child(label, code):
    run_child(label, code, 18, timeout=300)


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
