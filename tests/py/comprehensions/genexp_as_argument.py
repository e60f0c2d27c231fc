# generator expressions as sole call arguments and with other arguments
print(sum(x for x in range(5)))
print(sum((x for x in range(5)), 100))
print(max(len(w) for w in ["aa", "b", "cccc"]))
print(sorted((x % 3 for x in range(7)), reverse=True))
print(list(x * 2 for x in "ab"), tuple(x for x in range(3)), set(x % 2 for x in range(5)), dict((x, x) for x in range(2)))
print(" ".join(str(x) for x in range(4)), "-".join(c for c in "xyz"))
print(any(x == 3 for x in [1, 2, 3]), all(x for x in []), min((x for x in [4, 2, 8]), default=None))
print(list(zip((x for x in "abc"), (y for y in range(10)))))
print(next((x for x in [] if x), "no match"), next(x for x in "abc" if x > "a"))
for src in ["f(x for x in y, 1)", "f(1, x for x in y)", "f((x for x in y), 1)"]:
    try:
        compile(src, "<g>", "eval")
        print(src, "compiles")
    except SyntaxError as e:
        print(src, "->", e.msg)
