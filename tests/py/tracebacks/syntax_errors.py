# SyntaxError reports: the File line, the source line and the caret range,
# from compile() and exec(), through sys.excepthook and traceback.
import sys
import traceback

sources = [
    "x = (1 +\n",
    "print 'hello'\n",
    "f(**x, *y)\n",
    "a = 1\nb = 2 +* 3\n",
    "def f():\nreturn 1\n",
    "x = [1, 2\ny = 3\n",
    "    indented = True\n",
    "for x in range(3):\n    pass\n  else_ = 1\n",
    "s = 'unterminated\n",
    "1 = x\n",
    "del f()\n",
    "x = 'ééé' +* 2\n",
]
for src in sources:
    try:
        compile(src, "<snippet>", "exec")
    except SyntaxError as e:
        sys.excepthook(type(e), e, None)
        print("".join(traceback.format_exception_only(e)), end="")

# Hand-made SyntaxErrors: text with several lines, offsets outside the text.
made = [
    SyntaxError("m", ("f.py", 3, 5, "  abc def\n  ghi\n", 3, 9)),
    SyntaxError("m", ("f.py", 3, 9, "abc\ndef ghi jkl\n", 3, 11)),
    SyntaxError("m", (None, 3, 40, "abc def\n", 4, 2)),
    SyntaxError("m", ("x", 3, -3, "abc def\n", 3, 2)),
    SyntaxError("", ("x", 3, 2, "abc def\n", 3, 2)),
    SyntaxError("no location"),
]
for e in made:
    sys.excepthook(type(e), e, None)

exec("values = [1, 2, 3]\ntotal = sum(values\nprint(total)\n")
