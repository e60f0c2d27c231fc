# left-to-right evaluation order of operands, arguments and subscripts
def t(label, v=None):
    print("  eval", label)
    return v if v is not None else label
print(t("a", 1) + t("b", 2) * t("c", 3))
print(t("base", 2) ** t("exp", 3))
print(t("f", lambda *a: a)(t("arg1"), t("arg2"), kw=t("kw")) if False else t("f", lambda *a, **k: (a, k))(t("arg1"), t("arg2"), kw=t("kw")))
print(t("obj", {"k": [10, 20]})[t("key", "k")][t("idx", 1)])
print([t("x"), t("y")][t("i", 0)])
print(t("L", [1, 2, 3])[t("start", 0):t("stop", 2)])
print(t("d", {})) if False else None
d = {}
d[t("k", "key")] = t("v", "value")
print(d)
print(t("left", 1) < t("mid", 2) < t("right", 3))
print(t("cond", True) and t("rhs", "R"))
print({t("k1", 1): t("v1", "a"), t("k2", 2): t("v2", "b")})
x = [0, 0]
x[t("i", 0)] += t("inc", 5)
print(x)
print(f"{t('f1')}{t('f2')}")
print(t("str", "%s-%s") % (t("p1"), t("p2")))
