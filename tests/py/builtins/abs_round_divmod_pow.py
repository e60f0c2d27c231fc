# numeric builtins: abs, round, divmod, pow on many types
print(abs(-3), abs(3.5), abs(-0.0), abs(3 - 4j), abs(True), abs(-(2 ** 100)))
print(round(3.14159, 2), round(2.5), round(-2.5), round(7, -1), round(15, -1), round(25, -1), round(1.25, 1), round(1.35, 1))
print(divmod(17, 5), divmod(-17, 5), divmod(17.5, 5), divmod(2 ** 70, 3))
print(pow(2, 8), pow(2, -1), pow(2, 8, 5), pow(-2, 3), pow(9, 0.5), pow(2, 100) % 1000, pow(3, 4, -5))
class V:
    def __init__(self, x):
        self.x = x
    def __abs__(self):
        return "abs!"
    def __round__(self, n=None):
        return "round(%s)" % n
    def __divmod__(self, o):
        return ("dm", o)
    def __pow__(self, o, m=None):
        return ("pow", o, m)
v = V(1)
print(abs(v), round(v), round(v, 2), divmod(v, 3), pow(v, 2), pow(v, 2, 7), v ** 3)
for f in [lambda: abs("x"), lambda: round("x"), lambda: divmod("x", 1), lambda: pow("x", 2), lambda: pow(2, 3, 0)]:
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
