# __debug__ cannot be assigned, also as an attribute or an annotated
# attribute target; reading it, deleting it and augmented assignment of
# the attribute compile.
cases = [
    "x.__debug__ = 1",
    "a.b.__debug__ = 2",
    "x.__debug__: int",
    "x.__debug__: int = 3",
    "for x.__debug__ in y: pass",
    "with m as x.__debug__: pass",
    "x, y.__debug__ = 1, 2",
    "del x.__debug__",
    "x.__debug__ += 1",
    "print(x.__debug__)",
    "__debug__ = 0",
]
for src in cases:
    try:
        compile(src, "<case>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "->", e.msg, (e.lineno, e.offset))
