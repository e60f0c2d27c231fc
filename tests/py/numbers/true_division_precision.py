# int / int true division is correctly rounded even for huge ints
print(1 / 3, 2 / 3, 10 / 4, -10 / 4, 10 / -4, 0 / 5, 0 / -5)
print((10 ** 30) / (10 ** 15), (10 ** 30 + 1) / 10 ** 30, (2 ** 1000) / (2 ** 999))
print((3 ** 300) / (3 ** 299), (10 ** 200 + 7) / (10 ** 199 + 3))
print(2 ** 53 / 1, (2 ** 53 + 1) / 1, (2 ** 53 + 3) / 1)
print(float(2 ** 54 + 1), float(2 ** 54 + 2), float(2 ** 54 + 3), float(2 ** 54 + 6))
print(float(2 ** 1023 * 2 - 1) if False else float(2 ** 1023), float(-(2 ** 1023)))
print(1 / 10 ** 300, 1 / 10 ** 400, -1 / 10 ** 400, 10 ** 400 / 10 ** 399)
print(123456789123456789 / 1000000000, 7 / 10 ** 20)
print((-(2 ** 100)) / 3, (2 ** 64) / (2 ** 64 - 1))
try:
    print((10 ** 400) / 3)
except OverflowError as e:
    print(type(e).__name__, e)
print(sum(1 / (k * k) for k in range(1, 50)))
