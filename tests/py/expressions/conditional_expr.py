# conditional expressions (a if cond else b)
for n in [-2, 0, 3]:
    print(n, "pos" if n > 0 else "zero" if n == 0 else "neg")
def t(v, label):
    print("  eval", label)
    return v
print(t("yes", "then") if t(True, "cond") else t("no", "else"))
print(t("yes", "then") if t(0, "cond") else t("no", "else"))
x = 7
print((x if x < 5 else -x) * 2, x if x < 5 else -x * 2)
print([i if i % 2 else "e" for i in range(5)])
f = lambda v: "big" if v > 100 else "small"
print(f(5), f(500))
print(1 if [] else 2, 1 if [0] else 2, "a" if "" else "b", "t" if None is None else "f")
value = None
print(value if value is not None else "default", (lambda: 1 if False else 0)())
nested = "A" if x > 5 else ("B" if x > 2 else "C")
print(nested)
print(max(1, 2) if x else min(1, 2), (1, 2) if x else (3, 4), [x] if x else [])
s = "odd" if x % 2 else "even"
print(s, len("x" if x else "longer"))
