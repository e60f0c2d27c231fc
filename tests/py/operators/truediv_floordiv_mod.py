# /, //, % semantics across int, float, bool and the identity a == (a//b)*b + a%b
cases = [(7, 2), (-7, 2), (7, -2), (-7, -2), (7.5, 2), (-7.5, 2), (1, 3), (True, 2), (0, 7), (10 ** 20, 3), (-(10 ** 20), 7), (5, 0.5), (-5, 0.3)]
for a, b in cases:
    q, r = a // b, a % b
    print(a, b, a / b, q, r, q * b + r == a or abs(q * b + r - a) < 1e-9)
print(6 / 3, type(6 / 3).__name__, 6 // 3, type(6 // 3).__name__, 6.0 // 3, type(6.0 // 3).__name__)
print("%d%%" % 5, "%s" % "str %", "100%" if 100 % 3 else "")
print(-0.0 // 1, 0.0 // -1, -1 % 1.0, 1 % -1.0, -1e-300 % 1, 5 % float("inf"), -5 % float("inf"))
for a, b in [(1, 0), (1.0, 0), (0, 0), (1, 0.0), (1j, 0)]:
    for name, f in [("/", lambda a, b: a / b), ("//", lambda a, b: a // b), ("%", lambda a, b: a % b)]:
        try:
            f(a, b)
        except (ZeroDivisionError, TypeError) as e:
            print(repr(a), name, repr(b), type(e).__name__, e)
