# SyntaxError attributes from compile().
sources = [
    ("x = (1, 2", "exec"),
    ("def f(:\n    pass", "exec"),
    ("a = 1\nb = 2 +\n", "exec"),
    ("if True:\npass", "exec"),
    ("return 5", "exec"),
    ("x = 1\n  y = 2", "exec"),
    ("break", "exec"),
    ("f(x for x in y, 1)", "exec"),
    ("1 = x", "exec"),
    ("del 5", "exec"),
    ("x += 1 = 2", "exec"),
    ("print 'hello'", "exec"),
    ("'unterminated", "exec"),
    ("'''never closed", "exec"),
    ("x = [1, 2", "exec"),
    ("}", "exec"),
    ("def f():\n    nonlocal q", "exec"),
    ("def f(a, a):\n    pass", "exec"),
    ("f(a=1, a=2)", "exec"),
    ("f(**k, *a)", "exec"),
    ("lambda: (yield)", "eval"),
    ("class C:\n    return 1", "exec"),
    ("a, b += 1", "exec"),
    ("None = 1", "exec"),
    ("def f(x=1, y):\n    pass", "exec"),
    ("import", "exec"),
    ("for x in range(3):\n    pass\nelse pass", "exec"),
    ("x = 5 if True", "exec"),
]
for src, mode in sources:
    try:
        compile(src, "<test>", mode)
        print(repr(src), "-> compiled")
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, "|", e.msg, "| line", e.lineno, "| file", e.filename)

try:
    compile("x = (", "<named.py>", "exec")
except SyntaxError as e:
    print(e.filename, e.lineno, repr(e.text))
    print(isinstance(e, Exception), e.args[0])

try:
    compile("if x:\n\tpass\n        pass", "<tabs>", "exec")
except SyntaxError as e:
    print(type(e).__name__, e.msg)
print(issubclass(IndentationError, SyntaxError), issubclass(TabError, IndentationError))
