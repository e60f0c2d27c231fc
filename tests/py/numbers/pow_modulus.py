# pow() including three-argument modular form
print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 1000007), pow(-3, 3, 7), pow(3, 3, -7), pow(-3, 3, -7))
print(pow(2, 0, 5), pow(5, 1, 1), pow(0, 0, 3), pow(7, 2, 1))
print(pow(3, -1, 7), pow(2, -1, 5), pow(10, -2, 13), pow(38, -1, 97))
print(pow(7, -1, 7 * 3 + 1), (7 * pow(7, -1, 22)) % 22)
print(pow(2 ** 100, 2 ** 50, 10 ** 9 + 7), pow(12345678901234567890, 98765, 10 ** 20 + 39))
print(pow(2, 0.5), pow(2.0, 3), pow(-8, 1 / 3) if False else "skip", pow(4, 0.5), pow(2, -2))
print(pow(base=2, exp=5), pow(base=2, exp=5, mod=3))
errors = [
    (2, -1, 4),
    (2, 3, 0),
    (2.0, 3, 5),
    (2, 3.0, 5),
    (2, 3, 5.0),
    (0, -1, 5),
    ("2", 3, 5),
]
for args in errors:
    try:
        print(pow(*args))
    except (ValueError, TypeError, ZeroDivisionError) as e:
        print(args, type(e).__name__, e)
print(2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** -2, (-2) ** -2)
print(10 ** 0, 10 ** 1, 10 ** 18, 10 ** 19, (-10) ** 19)
print(0.5 ** 2, 1.5 ** 2.5, (-1.5) ** 3, 2 ** 0.0)
print(type(pow(2, 2)), type(pow(2, -2)), type(pow(2.0, 2)), type(pow(1j, 2)))
print(pow(True, 2, 3), pow(5, True, False) if False else pow(5, True, 3))
class P:
    def __pow__(self, other, mod=None):
        return ("pow", other, mod)
    def __rpow__(self, other, mod=None):
        return ("rpow", other, mod)
p = P()
print(p ** 2, 2 ** p, pow(p, 3, 4), pow(p, 3))
