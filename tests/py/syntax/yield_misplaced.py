# Where a yield expression may not stand: "invalid syntax" pointing at the
# keyword (an unparenthesized yield inside a larger expression), and the
# assignment forms with CPython's own messages and ranges.
SOURCES = [
    "def f():\n    return yield 42\n",
    "def f():\n    return yield from g\n",
    "def f():\n    a + yield 1\n",
    "def f():\n    print(yield 2 + 3)\n",
    "def f():\n    f(yield)\n",
    "def f():\n    x = yield = 3\n",
    "def f():\n    yield = 1\n",
    "def f():\n    yield x = 1\n",
    "def f():\n    (yield) = 3\n",
    "def f():\n    ( yield ) = 3\n",
    "def f():\n    for (yield) in x: pass\n",
    "def f():\n    (yield) += 1\n",
    "def f():\n    del yield\n",
    "def f():\n    assert yield\n",
    "lambda: yield\n",
]
for src in SOURCES:
    try:
        compile(src, "<y>", "exec")
        print("compiled", repr(src))
    except SyntaxError as e:
        print(repr(src), "->", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
