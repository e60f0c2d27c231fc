# Conversion dunders: __int__, __float__, __index__, __complex__, __round__.
class Num:
    def __init__(self, v):
        self.v = v
    def __int__(self):
        return int(self.v)
    def __float__(self):
        return float(self.v)
    def __index__(self):
        return int(self.v) * 10
    def __complex__(self):
        return complex(self.v, 1)
    def __round__(self, nd=None):
        return ("round", nd)

n = Num(2.7)
print(int(n), float(n), complex(n))
print(round(n), round(n, 2))
print(bin(n), hex(n), oct(n))
print([0, 1, 2] * 1, "abc"[Num(0.1)])
print(list(range(Num(0.5))))
import operator
print(operator.index(n))

class OnlyIndex:
    def __index__(self):
        return 7
print(int(OnlyIndex()), float(OnlyIndex()), complex(OnlyIndex()))

class OnlyFloat:
    def __float__(self):
        return 1.5
print(float(OnlyFloat()))
try:
    int(OnlyFloat())
except TypeError as e:
    print("TypeError:", e)

class BadInt:
    def __int__(self):
        return "nope"
try:
    int(BadInt())
except TypeError as e:
    print("TypeError:", e)
class BadFloat:
    def __float__(self):
        return 1
try:
    float(BadFloat())
except TypeError as e:
    print("TypeError:", e)
class BadIndex:
    def __index__(self):
        return 1.0
try:
    [1][BadIndex()]
except TypeError as e:
    print("TypeError:", e)

class Nothing:
    pass
for fn in (int, float, complex, round, hex, abs):
    try:
        fn(Nothing())
    except TypeError as e:
        print("TypeError:", e)

print(round(2.5), round(3.5), round(-0.5), round(0.5), round(-1.5))
print(int(3.99), int(-3.99), round(2.675, 2))
