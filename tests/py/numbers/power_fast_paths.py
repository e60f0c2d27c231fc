# `**` on ints and floats: the fast paths agree with the general ones,
# including the error and edge cases.
import math

vals = [2, 3, -2, 0, 1, 10, 2**30, -7]
exps = [0, 1, 2, 3, 10, 31, 59, 60, 61, 62, 63, 64, 100]
for a in vals:
    print(a, [a**e for e in exps if abs(a) < 2**20 or e < 5])
print(2**60, 2**61, -(2**60), (-2) ** 61, (-2) ** 63, 3**39, 3**40)
print(2**-1, 10**-2, (-2) ** -3)

fl = [0.5, 1.5, 2.0, 10.0, 1e-5, 1e10, 123.456]
fe = [-1.5, -1, 0, 0.5, 1, 2, 2.5, 100, 300]
for a in fl:
    out = []
    for e in fe:
        try:
            out.append(repr(a**e))
        except OverflowError as ex:
            out.append("OverflowError: " + str(ex))
    print(a, out)
print(2**0.5, 4**0.5, 2 ** -0.5, 9 ** 0.5)
print(1e-300 ** 1.1, 1e-200 ** 2, 0.1 ** 400)
for base, e in [(0.0, -1), (0.0, -1.5), (0, -1)]:
    try:
        print(base**e)
    except ZeroDivisionError as ex:
        print("ZeroDivisionError:", ex)
print((-8.0) ** (1 / 3))
print((-2.0) ** 2, (-2.0) ** 3, (-0.5) ** -2)
print(math.isinf(float("inf") ** 2), float("nan") ** 0, 1.0 ** float("nan"))
try:
    print(10.0**400)
except OverflowError as ex:
    print("OverflowError:", ex)
x = 3.0
x **= 2
n = 7
n **= 2
print(x, n, pow(2, 10), pow(2.0, 10), pow(2, 10, 1000))
