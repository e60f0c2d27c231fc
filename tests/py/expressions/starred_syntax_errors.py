# syntax rules for starred expressions and other invalid expression forms
sources = ["*a", "x = *a", "print(*a)", "x = *a,", "[*a]", "f(**a, *b)", "f(a=1, a=2)", "f(a=1, 2)", "{**a: 1}",
           "a + = 1", "1 = x", "x + 1 = 2", "f() = 1", "(a, b) += 1", "del f()", "lambda: (yield)", "a if b", "not", "a ==", "[x for x in]"]
for src in sources:
    try:
        compile(src, "<expr>", "exec")
        print(repr(src), "OK")
    except SyntaxError as e:
        print(repr(src), "SyntaxError:", e.msg)
