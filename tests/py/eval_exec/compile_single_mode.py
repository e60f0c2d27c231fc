# compile(..., 'single'): one interactive statement, CPython's rules for
# what follows a compound statement, and where the errors point.
import warnings

sources = [
    "x = 1\n",
    "a = 1; b = 2",
    "if 1:\n    pass\n",
    "if 1:\n    pass",
    "for i in ():\n    pass\n\n",
    "def g(): return 1\n",
    "def g(): return 1",
    "class K: pass  # trailing comment",
    "@dec\ndef g(): pass",
    "try:\n    pass\nfinally: pass",
    "while 0:\n    pass\n    ",
    "if 1:\n    pass\n# note",
    "if 1: y = [1,\n  2]",
    "if 1:\n    if 2: pass",
    "1\n2",
    "p = 3\nq = 4\n",
    "call()  # why\nother()",
    "s = '''\nz\n'''\nt = 1\n",
    "\n\n",
    "# only a comment\n\n",
]
for src in sources:
    try:
        compile(src, "<in>", "single")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "->", e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset))

# The same sources in 'exec' mode all compile except the blank ones.
print([bool(compile(s, "<in>", "exec")) for s in sources[:5]])

# The file name: str or bytes; other buffers with a DeprecationWarning;
# anything else is a TypeError.
for name in ["f.py", b"f.py"]:
    print(compile("pass", name, "exec").co_filename)
for name in [bytearray(b"g.py"), memoryview(b"h.py")]:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        code = compile("pass", name, "exec")
    print(code.co_filename, [(x.category.__name__, str(x.message)) for x in w])
for name in [[1, 2], None, 3]:
    try:
        compile("pass", name, "exec")
    except TypeError as e:
        print("TypeError:", e)
