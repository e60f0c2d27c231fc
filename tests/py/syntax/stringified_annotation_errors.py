# Under `from __future__ import annotations` an annotation is never
# evaluated, yet a yield, await or named expression in it is a SyntaxError
# (inside a lambda of the annotation it is not); without the future import
# the ordinary rules apply.
cases = [
    "def f(p: (yield)): pass",
    "def f(p: (yield from g)): pass",
    "def f(*a: (await g)): pass",
    "def f(**k: (n := 1)): pass",
    "def f() -> (n := 1): pass",
    "x: (yield)",
    "class C:\n    y: [(z := 2)]",
    "def f(p: lambda: (yield)): pass",
    "def f(p: lambda: (n := 3)): pass",
    "def f(p: (a, (b := 1), (yield))): pass",
]
for future in (True, False):
    print("future" if future else "plain")
    for src in cases:
        text = ("from __future__ import annotations\n" if future else "") + src
        try:
            compile(text, "<case>", "exec")
            print("  ok   ", src.splitlines()[-1].strip())
        except SyntaxError as e:
            print("  error", e.lineno, e.offset, e.msg)
