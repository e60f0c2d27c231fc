# round() with ints and floats, banker's rounding, ndigits
for v in (0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 0.49999999999999994, 2.675, 1.005, 0.125, 0.375):
    print(v, round(v), round(v, 0), round(v, 1), round(v, 2))
print(type(round(2.5)), type(round(2.5, 0)), type(round(7)), type(round(7, 2)))
for n in (1234, 1250, 1350, -1250, 15, 25, -25, 5, 0):
    print(n, round(n, -1), round(n, -2), round(n, 1), round(n, -5))
print(round(123.456, -1), round(123.456, -2), round(123.456, -3), round(-123.456, 1))
print(round(1e300, -300), round(1e-300, 300), round(5e-324, 400))
print(round(0.0), round(-0.0), round(-0.0, 1), round(-0.4))
print(round(2 ** 100 + 0.0), round(10 ** 30, -29))
print(round(True), round(False, 3))
print(round(12.5, None), round(13.5, None))
for bad in [("x",), (1.5, "2"), (1.5, 1.5)]:
    try:
        round(*bad)
    except TypeError as e:
        print(type(e).__name__, e)
class R:
    def __round__(self, n=None):
        return ("rounded", n)
print(round(R()), round(R(), 3))
try:
    round(object())
except TypeError as e:
    print(type(e).__name__, e)
