# Tokenizer errors in number literals and parser errors around starred
# expressions, conditional expressions and call arguments (CPython 3.11
# messages and locations), caught from compile() and exec().


def report(src):
    try:
        compile(src, "<numbers>", "exec")
    except SyntaxError as e:
        print(f"{src!r:24} {type(e).__name__}: {e.msg} {(e.lineno, e.offset, e.end_lineno, e.end_offset)}")
    else:
        print(f"{src!r:24} compiled")


print("decimal literals:")
for src in ["n = 1_", "n = 1__000", "n = 10_000_", "n = 0_", "n = 0__1", "n = 1e", "n = 1e+",
            "n = 2.5e-x", "n = 3abc", "n = 1.__class__", "n = 1._5", "n = .5_", "n = 5.x",
            "n = 12_3_", "n = (1_)", "print(7_, 8)", "n = [1, 2e]", "n = 1_0.2_5e1_0"]:
    report(src)

print("radix literals:")
for src in ["n = 0x", "n = 0x_", "n = 0xg", "n = 0x1g", "n = 0X_fz", "n = 0o", "n = 0o8", "n = 0o1_9",
            "n = 0o7a", "n = 0b", "n = 0b12", "n = 0b1_2", "n = 0b1a", "n = 0b_1_0", "n = 0xdead_beef"]:
    report(src)

print("leading zeros and imaginary:")
for src in ["n = 0777", "n = 00777", "n = 0_777", "n = 09", "n = 09.5", "n = 0777j", "n = 0e5",
            "n = 1.5j_", "n = 1jx", "n = 00", "n = 0_0"]:
    report(src)

print("literals on later lines:")
report("a = 1\nb = (2,\n     3_)\n")
report("def f():\n    return 0o19\n")

print("starred expressions:")
for src in ["x = (*a)", "x = (**a)", "print((*a))", "print((**a))", "f((*a), b)", "x = *a", "x = *a, *b",
            "*a = 1", "*a, = 1", "(*a) = 1", "del *a", "del (*a,)", "del [a, *b]", "for *a in b: pass",
            "[x for x in *a]", "x = [*a]", "x = {**a}"]:
    report(src)

print("call arguments:")
for src in ["f(**a, *b)", "f(x, **a, *b)", "f(k=1, **a, *b)", "f(**a, x)", "f(x=1, y)",
            "f(*a, x=1, y)", "f(x=1, y, z)", "g(\n  a=1,\n  b,\n)"]:
    report(src)

print("conditional expressions:")
for src in ["x = a if b", "x = (a if b)", "f(a if b)", "f(k=a if b)", "y = lambda: a if b",
            "x = [a, b if c, d]", "return a.b[c](d) if e", "x = not a if b",
            "x = a if b else", "x = a if else c"]:
    report(src)

print("assignment targets:")
for src in ["1 = 2", "f() = 1", "y = f() = 1", "y = a + b = 1", "x = y = 1 + 2 = 3", "y = 1 =",
            "y = 'a' =", "y = f(x) =", "y = (1, 2) =", "y = a =", "x = 1;  y = f() = 2",
            "if x = 1: pass", "while x = a + b: pass", "if x = 1 or y: pass", "if f() = 1: pass",
            "if True:\n    pass\nelif y.z = 2:\n    pass", "print(f() = 1)", "f(a, x + 1 = 2)"]:
    report(src)

print("through exec:")
for src in ["total = 10_\n", "print(*a for a in b)\n", "x = (*rest)\n"]:
    try:
        exec(src)
    except SyntaxError as e:
        print(e.filename, e.msg, e.lineno, e.offset)
