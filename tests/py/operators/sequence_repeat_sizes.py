# `seq * n` for lists and tuples across the sizes where the result is built
# on the stack, in a vector, or straight into the list's storage: lengths,
# item identity, order, negative and zero counts, subclasses, and the errors.
class L(list):
    pass


class T(tuple):
    pass


marker = object()
for n in (0, 1, 3, 32, 33, 1000, 65536, 65537, 200_000):
    a = [marker] * n
    b = [1, "x", None] * n
    c = (marker,) * n
    d = (1, 2) * n
    ok = (
        len(a) == n
        and all(v is marker for v in a)
        and b == [1, "x", None] * n
        and b[-3:] == ([1, "x", None] if n else [])
        and len(c) == n
        and len(d) == 2 * n
        and (d[-2:] == (1, 2) if n else d == ())
    )
    print(n, ok, type(a).__name__, type(c).__name__, n * [7] == [7] * n)

print([1, 2] * -5, (1,) * -1, [] * 10, () * 10, [3] * True, [3] * False)
inner = []
rows = [inner] * 4
rows[0].append(1)
print(rows, all(r is inner for r in rows))
print(type(L([1]) * 3).__name__, L([1, 2]) * 2, type(T((1,)) * 3).__name__, T((1, 2)) * 2)
print(() * 5 is (), (1, 2) * 1 == (1, 2))
x = [1, 2]
x *= 3
print(x)

for expr in ("[0] * (2 ** 62)", "[0] * (2 ** 63)", "(0,) * (2 ** 62)", "[0] * 'a'",
             "[0] * 2.0", "[1, 2] * (2 ** 61)", "[] * (2 ** 63)"):
    try:
        r = eval(expr)
        print(expr, "->", len(r))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
