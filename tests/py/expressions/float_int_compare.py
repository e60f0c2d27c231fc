# Comparisons between floats and ints at the edges of exact conversion
# (2**53 and beyond), with NaN, infinities and signed zeros, and float(x) of
# ints, floats, bools, subclasses and strings.
import math

big = 2**53
cases = [
    (0.0, 0), (-0.0, 0), (0.5, 0), (-0.5, -1), (1.0, 1), (1e-300, 0),
    (float(big), big), (float(big), big + 1), (float(big), big - 1),
    (float(big + 2), big + 1), (float(big + 2), big + 3),
    (-float(big), -big - 1), (9007199254740993.0, big + 1),
    (1e16, 10**16), (1e16, 10**16 + 1), (1e300, 10**300), (1e308, 2**1100),
    (math.inf, 2**2000), (-math.inf, -(2**2000)), (math.nan, 0), (math.nan, 2**64),
    (3.7, 3), (3.7, 4), (-3.7, -3), (-3.7, -4), (2.5, True), (0.0, False),
]
for f, i in cases:
    row = [f < i, f <= i, f == i, f != i, f > i, f >= i,
           i < f, i <= f, i == f, i != f, i > f, i >= f]
    print(repr(f), i if abs(i) < 2**60 else "big", "".join("T" if x else "." for x in row))


def loop_compare(n):
    # The comparisons a loop makes: float against a small int literal.
    counts = [0, 0, 0]
    x = -2.0
    for _ in range(n):
        if x < 0:
            counts[0] += 1
        elif x == 1:
            counts[1] += 1
        if 1 <= x:
            counts[2] += 1
        x += 0.25
    return counts


print(loop_compare(40))


class MyInt(int):
    def __float__(self):
        return 42.0


class MyFloat(float):
    pass


for v in (0, 7, -7, big + 1, 2**63, -(2**70), True, False, 1.5, -0.0, MyInt(3),
          MyFloat(2.5), "  12.5 ", "inf", "-nan", 10**400 // 10**200):
    try:
        r = float(v)
        print(type(v).__name__, repr(r), type(r).__name__)
    except (OverflowError, ValueError) as e:
        print(type(v).__name__, type(e).__name__, e)

x = 1.25
print(float(x) is x, float(MyFloat(1.0)) is not None)
for bad in ("abc", None, [1], 10**400):
    try:
        float(bad)
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
