# float arithmetic and mixed-type promotion
a, b = 7.5, 2.0
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b, -a, +a, abs(-a))
print(0.1 + 0.2, 0.1 * 3, 1.0 - 0.9, 1e16 + 1, 1e16 + 2, 2 ** 53 + 1.0)
print(3 + 2.0, 3 * 2.0, 3 / 2, 4 / 2, 3 - 0.5, type(3 + 0.0), type(3 + 0j), type(3.0 + 0j))
print(1.0 / 3 * 3, 2.0 ** 0.5 * 2.0 ** 0.5, 10.0 ** -2)
print(1e308 + 1e308, -1e308 - 1e308, 1e-308 / 1e10, 1e-320 * 1e-10)
print(100 * 1.1, 0.07 * 100, 1.15 * 100, 3 * 0.1 == 0.3)
x = 1.0
for i in range(10):
    x /= 3
print(x)
s = 0.0
for i in range(10):
    s += 0.1
print(s, s == 1.0, sum([0.1] * 10))
print(7.0 // 2, -7.0 // 2, 7.0 % -2, -7.0 % -2, 7 // 2.0, 7 % 2.5)
print(2.5 * True, 2.5 + False, True / 4.0)
print(float(7) / 2, int(7.0 / 2), 7 // 2 * 2.0)
print(1 / 3 + 1 / 3 + 1 / 3 == 1.0, 0.1 + 0.1 + 0.1 == 0.3)
for op in ["+", "-", "*", "/"]:
    try:
        eval("1.5 " + op + " 'x'")
    except TypeError as e:
        print(type(e).__name__, e)
y = 2.0
y += 1; print(y)
y *= 2.5; print(y)
y /= 4; print(y)
y //= 0.5; print(y)
y **= 0.5; print(y)
y %= 2; print(y)
