# order in which comprehension clauses are evaluated
def t(label, v):
    print("  ", label, v)
    return v
print([t("elem", x * y) for x in t("outer-iter", [1, 2]) if t("cond-x", x) for y in t("inner-iter", [10, 20]) if t("cond-y", y < 20)])
print({t("key", k): t("value", k * 2) for k in t("iter", "ab")})
print(sorted({t("set-elem", c) for c in t("set-iter", "aba")}))
g = (t("gen-elem", i) for i in t("gen-iter", range(2)))
print("genexp made")
print(list(g))
