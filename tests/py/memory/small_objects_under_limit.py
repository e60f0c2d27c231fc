# Python loops that fill a limited address space with small objects, in a
# child process: the allocation the system refuses ends as a MemoryError
# (an uncaught one: exit code 1 and the traceback's last line "MemoryError";
# a caught one lets the program go on and allocate again), never an abort
# or a crash of the interpreter.
from _limited import child as run_child


def child(label, code):
    run_child(label, code, 18, timeout=300)


# Each loop step makes CHUNK small objects in native code (a few MiB,
# less than the allocator's reserve), so a GC-stress build, which collects
# at every back-edge, marks the growing list only once per chunk.
PRELUDE = "import itertools\nCHUNK = 10_000\n"

child("nested lists", PRELUDE + "x = []\nwhile True:\n    x.append(list(map(list, zip(range(CHUNK)))))")
child("tuples of str", PRELUDE + "x = []\nwhile True:\n    x.append(list(zip(range(CHUNK), map(str, range(CHUNK)))))")
child("appends", PRELUDE + "x = []\nfor i in itertools.count():\n    x.append(list(map(list, zip(range(CHUNK), range(CHUNK)))))")
child("caught, twice", PRELUDE + """
for attempt in range(2):
    x = []
    try:
        while True:
            x.append(list(map(list, zip(range(CHUNK)))))
    except MemoryError:
        x = None
    print('recovered', attempt)
y = [[i] for i in range(1000)]
print(len(y), y[-1])
""")
