# The args of the SyntaxError the compiler raises: the message and the
# location tuple (file, line, offset, text, end line, end offset), and how
# an error over several lines gives its text and end offset.
import os
import tempfile
import traceback

SOURCES = [
    "x = = 1",
    "f(x for x in y, 1)",
    "f(1, x for x in y)",
    "f(x\n for x in y, 1)",
    "g(a, b for b in\n c)",
    "\ndef h(*a):\n    pass\n\nh(a, z\n        for z in\n            range(10), b, c)\n",
    "y = (1,\n 2 3)",
    "def f(:\n  pass",
    "  1",
    "if x:\npass",
    "f'{a b}'",
    "1 +",
    "del f()",
    "for x in range(3):\n    pass\n  print(x)",
]

for src in SOURCES:
    try:
        compile(src, "<src>", "exec")
        print("compiled?", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, e.args)
        print("  ", "".join(traceback.format_exception_only(type(e), e)).rstrip().replace("\n", "\n   "))

for mode in ("eval", "single"):
    try:
        compile("(1,\n 2 3)\n", "<m>", mode)
    except SyntaxError as e:
        print(mode, e.args)

try:
    compile(b"# coding: no-such-codec\n", "<enc>", "exec")
except SyntaxError as e:
    print("encoding", e.args)

# With a file of that name, the text is the file's line, with its break.
src = "def k(*a): pass\nk(a, z\n        for z in\n            range(10), b, c)\n"
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "prog.py")
    with open(path, "w") as f:
        f.write(src)
    for name in (path, os.path.join(d, "missing.py")):
        try:
            compile(src, name, "exec")
        except SyntaxError as e:
            print(os.path.basename(e.filename), e.args[1][1:])

e = SyntaxError("made", ("f.py", 3, 4, "text", 3, 6))
print(e.args, e.filename, e.lineno, e.offset, e.text, e.end_lineno, e.end_offset)
print(SyntaxError("bare").args, SyntaxError().args)
