# warnings: the compiler's SyntaxWarnings (printed on stderr when this file
# is compiled) and DeprecationWarnings, through the warnings filters.
import warnings

x = 1
print(x is 1, x is not "a", 1 is x)
print(x is None, x is True, x is ...)
assert (x, "always true")
try:
    (1)(2)
except TypeError as e:
    print("TypeError", e)
try:
    print([1, 2][0] [1])
except TypeError as e:
    print("TypeError", e)
s = "\d"   # DeprecationWarning: ignored by default
print(len(s))


def check(src, mode="exec"):
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        try:
            compile(src, "<src>", mode)
        except SyntaxError as e:
            print("  SyntaxError", e.msg, e.lineno, e.offset)
    print(repr(src))
    for w in log:
        print("  ", w.category.__name__, w.message, w.filename, w.lineno)


for src in ['x is 1', 'x is -1', 'x is (1, 2)', 'x is ()', 'x is [1]', 'x is f"a"',
            '1 is not x', 'x is 1 is y', 'a < b is "s"', 'not x is 1', 'not not x is 1',
            'not (x is not 1)', 'if x is 1:\n    pass', 'while x is 2:\n    y is 3',
            'try:\n    pass\nfinally:\n    x is 4', 'lambda: x is 5',
            'assert (a, b)', 'assert (a,)', 'assert ()', 'assert a, (b, c)', 'assert (1, 2)',
            '(1)(2)', '"s"()', 'b"s"()', '(1.5)()', '1j()', 'None()', '...()', 'True()',
            '(1, 2)()', '(a, b)()', '[1]()', '[i for i in a]()', '{1: 2}()', '{1}()',
            '{i for i in a}()', '(i for i in a)()', 'f"s{a}"()', 'x(1)', '(lambda: 0)()',
            '1[0]', '(1.5)[0]', 'None[0]', '{1}[0]', '(i for i in a)[0]', '(lambda: 0)[0]',
            '"abc"[1.5]', '[1, 2]["a"]', '(1, x)["a"]', '[i for i in a][1.0]', 'f"{a}"["i"]',
            '"abc"[1]', '[1][x]', '{1: 2}["a"]', '"abc"[1:2]', '"abc"[True]', 'x[1]["a"]',
            's = "\\d"', 's = b"\\d\\q"', 's = r"\\d"', 's = "\\777"', 's = "\\8" "\\w"',
            's = f"\\d{a}"', 's = f"\\{a}"', 's = "\\N{DIGIT ONE}\\u0041\\x41\\101\\n\\\n"',
            'def f():\n    """\\s docstring"""\n    return x is 6',
            'x = 1\ny = x is 7\nbreak']:
    check(src)
check('x is 8', "eval")

print("-- default filters")
with warnings.catch_warnings(record=True) as log:
    compile('y is "a"\ns = "\\d"', "<default>", "exec")
    compile('y is "a"', "<default>", "exec")
for w in log:
    print("  ", w.category.__name__, w.message, w.lineno)

print("-- error filter: SyntaxError instead")
for src in ['x = 1\ny = x is 1', 'assert (x, 1)', 'print(\n  (1)(2))', '[1]["a"]',
            'y = 1\ns = "a" "\\d"', 's = b"\\d"', 's = "\\400"', 's = f"{a}\\q"',
            'def f(x):\n    return "\\z"']:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            compile(src, "<err>", "exec")
            print("compiled", repr(src))
        except SyntaxError as e:
            print(type(e).__name__, repr(e.msg), e.filename, e.lineno, e.offset,
                  e.end_lineno, e.end_offset, repr(e.text))

print("-- error only for one category")
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.simplefilter("error", DeprecationWarning)
    try:
        compile('x is 1\ns = "\\d"', "<mixed>", "exec")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno)
    warnings.simplefilter("error", SyntaxWarning)
    try:
        compile('x is 1\ns = "\\d"', "<mixed>", "exec")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno)
for w in log:
    print("  ", w.category.__name__, w.message, w.lineno)

print("-- exec and eval warn too; ignore hides them")
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    exec("r = 3 is 3")
    print(eval("'a' is 'a'"))
    warnings.filterwarnings("ignore", message='"is" with')
    exec("r = 3 is 3")
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    exec("assert (1, 2)")
print([str(w.message) for w in log])

print("-- literals before a syntax error warn (twice after a parser error)")
for src in ['x = "\\d"\ny = 1 +\n', 'x = "\\d"\nz = ]', 'x = "\\d"\ny = "\\N"',
            'x = "\\d"\n1 = 2', 'x = "\\d"\nz = 0777', 'x = "\\d"\nif x:\npass',
            'x = "\\d"\n  y = 1', 'y = 1 +\nw = "\\q"', 'x = "\\d"\nz = "abc',
            'x = "\\d"\nnonlocal y', 'x = "\\d"\nx = b"a" "b"', 'x = "\\d"\nprint "a"',
            'x = 1 is 1\nbreak\n', 'x = 1 is 1\ndef f():\n  nonlocal q\n']:
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter("always")
        try:
            compile(src, "<t>", "exec")
            r = "ok"
        except SyntaxError as e:
            r = e.msg
    print(repr(src), r, [(str(m.message), m.lineno) for m in log])

print("-- a showwarning hook sees compile warnings")
old = warnings.showwarning
warnings.showwarning = lambda m, c, f, l, file=None, line=None: print("HOOK", c.__name__, m, f, l, line)
compile('x is 9', "<hook>", "exec")
warnings.showwarning = old
print("done")
