# int.bit_length, bit_count, and related methods
for n in (0, 1, 2, 3, 7, 8, 255, 256, -1, -2, -255, -256, 2 ** 64, -(2 ** 64), 2 ** 64 - 1):
    print(n, n.bit_length(), n.bit_count())
print((True).bit_length(), (False).bit_length())
print((10).conjugate(), (10).real, (10).imag, (10).numerator, (10).denominator)
print((-7).as_integer_ratio(), (0).as_integer_ratio())
print(int.bit_length(1023), int.bit_count(1023))
print((12).__index__(), (12).__int__(), (12).__float__())
print((5).__neg__(), (5).__abs__(), (-5).__abs__(), (5).__invert__())
print((5).__add__(3), (5).__sub__(3), (5).__rsub__(3), (5).__add__(3.0))
print((2).__pow__(10), (2).__pow__(10, 1000), (3).__rpow__(2))
print(int.__trunc__(9), (9).__floor__(), (9).__ceil__(), (9).__round__(), (1234).__round__(-2))
print(type((9).__round__()))
