# Where CPython's future-statement checks point: a bad feature one past the
# statement's column, a late future import on the line of an earlier statement
# at its column, both without an end; one on a later line with its whole range.
SOURCES = [
    "x = 1\nfrom __future__ import annotations\n",
    "x = 1; from __future__ import annotations\n",
    "import a\nif 1: from __future__ import annotations\n",
    "from __future__ import braces\n",
    "from __future__ import annotations, nope\n",
    "x=1\n  \nfrom   __future__ import (annotations)\n",
    '"doc"; from __future__ import annotations\n',
    "from __future__ import annotations; x = 1; from __future__ import annotations\n",
    "x = 1; y = 2\nfrom __future__ import nope\n",
    "from __future__ import (generator_stop,\n    braces)\n",
    "'''doc'''\nfrom __future__ import division\nfrom __future__ import annotations\n",
]
for src in SOURCES:
    try:
        compile(src, "f", "exec")
        print("ok")
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
