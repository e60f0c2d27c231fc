# Containers that grow from an iterator that never ends, in a child process
# whose address space is limited: the growth that the system refuses is a
# MemoryError (an uncaught one ends the child with exit code 1 and the
# traceback's last line "MemoryError"; a caught one lets it go on), never an
# aborted or killed process.
from _limited import child as run_child


def child(label, code):
    run_child(label, code, 28)


PRELUDE = "import itertools\n"

child("list.extend(repeat)", PRELUDE + "x = []\nx.extend(itertools.repeat(1))")
child("list(count)", PRELUDE + "list(itertools.count())")
child("list += repeat", PRELUDE + "x = [0]\nx += itertools.repeat(2)")
child("comprehension", PRELUDE + "[v for v in itertools.repeat(3)]")
child("tuple(repeat)", PRELUDE + "tuple(itertools.repeat(4))")
child("str.join(repeat)", PRELUDE + "''.join(itertools.repeat('ab'))")
child("bytearray(repeat)", PRELUDE + "bytearray(itertools.repeat(7))")
child("set comprehension", PRELUDE + "{v for v in itertools.count()}")
child("dict.fromkeys(count)", PRELUDE + "dict.fromkeys(itertools.count())")
child("dict comprehension", PRELUDE + "{v: None for v in itertools.count()}")
child("append loop", "x = []\nwhile True:\n    x.append(None)")
child(
    "caught, then goes on",
    PRELUDE
    + "def grow():\n"
    + "    try:\n"
    + "        list(itertools.repeat(1))\n"
    + "    except MemoryError as e:\n"
    + "        print('caught', type(e).__name__, e.args)\n"
    + "grow()\n"
    + "grow()\n"
    + "print('after', sum(range(10)))",
)
