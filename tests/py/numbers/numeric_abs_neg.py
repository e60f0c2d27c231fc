# abs, negation and unary plus on numbers and objects
for v in (0, 5, -5, 2 ** 80, -(2 ** 80), 0.0, -0.0, 2.5, -2.5, float('-inf'), 3 + 4j, -3 - 4j, True, False, 1e-320):
    print(repr(v), abs(v), -v, +v, type(abs(v)).__name__)
print(abs(complex(3e200, 4e200)), abs(complex(float('inf'), float('nan'))), abs(complex(0.0, -0.0)))
class N:
    def __init__(self, v):
        self.v = v
    def __abs__(self):
        return N(abs(self.v))
    def __neg__(self):
        return N(-self.v)
    def __pos__(self):
        return N(self.v * 100)
    def __invert__(self):
        return N(~self.v)
    def __repr__(self):
        return "N(%d)" % self.v
n = N(-3)
print(abs(n), -n, +n, ~n, -(-n), abs(-abs(n)))
for v in ("abc", [1], None):
    for name, f in (("abs", abs), ("neg", lambda x: -x), ("pos", lambda x: +x), ("inv", lambda x: ~x)):
        try:
            f(v)
        except TypeError as e:
            print(name, type(e).__name__, e)
try:
    ~1.5
except TypeError as e:
    print(type(e).__name__, e)
