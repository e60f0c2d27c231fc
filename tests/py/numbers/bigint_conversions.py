# Big integers converted between float, str, and bases
big = 2 ** 64
print(big, float(big), int(float(big)))
print(float(2 ** 53 + 1), int(float(2 ** 53 + 1)))
print(float(10 ** 22), float(10 ** 23))
print(int(1e22), int(1e23))
print(int(-1.5e30))
print(10 ** 20 / 10 ** 10, 2 ** 200 / 2 ** 190)
print((10 ** 30) / 3)
try:
    float(10 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    print(10 ** 400 / 1)
except OverflowError as e:
    print(type(e).__name__, e)
print(10 ** 400 // 10 ** 398)
print(10 ** 400 / 10 ** 399)
try:
    int(float('inf'))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    int(float('nan'))
except ValueError as e:
    print(type(e).__name__, e)
print(int("1" + "0" * 40, 2))
print(int("ff" * 20, 16))
print(int("-" + "zz" * 5, 36))
print(str(-(2 ** 128)))
print(repr(2 ** 80), 2 ** 80 == 1208925819614629174706176)
print(2 ** 63 - 1, -(2 ** 63), 2 ** 63, -(2 ** 63) - 1)
print((2 ** 63 - 1) + 1, -(2 ** 63) - 1, (2 ** 63) * 2)
print(round(2 ** 70, -5), round(-(2 ** 70), -10))
print(abs(-2 ** 64), (-2) ** 64, (-2) ** 65)
