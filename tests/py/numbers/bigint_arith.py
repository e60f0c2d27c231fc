# Arbitrary precision integers
a = 2 ** 100
b = 3 ** 70
print(a)
print(b)
print(a + b)
print(a - b)
print(b - a)
print(a * b)
print(a // 7, a % 7)
print(b // a, b % a)
print(-a // 3, -a % 3)
print(a ** 3)
print(-(a * b))
f = 1
for i in range(1, 41):
    f *= i
print("40! =", f)
print(f // (2 ** 38), f % 1000003)
print(len(str(2 ** 1000)), str(2 ** 1000)[:20], str(2 ** 1000)[-20:])
print(10 ** 50 - 1)
print((10 ** 30 + 7) * (10 ** 30 - 7))
print(a == 2 ** 100, a < b, a > b, a != a + 1)
print(a & (b - 1), a | 12345, a ^ b)
print(a >> 90, a << 10, b >> 200, (-a) >> 99, (-a) >> 200)
print(~a, -a - 1 == ~a)
print(abs(-a), -abs(a))
n = 12345678901234567890123456789
print(n, n * n, n // 97, n % 97, divmod(-n, 1000))
print(int("9" * 60) + 1)
print(hex(a), oct(b), bin(2 ** 70 + 1))
