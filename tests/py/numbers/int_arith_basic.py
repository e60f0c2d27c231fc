# Basic integer arithmetic: + - * / // % ** and unary ops
vals = [0, 1, -1, 7, -7, 13, -13, 100]
for a in (7, -7, 13, -13):
    for b in (2, -2, 3, -3, 5):
        print(a, b, a + b, a - b, a * b, a // b, a % b, a / b)
print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3, (-2) ** 4)
print(2 ** -1, 2 ** -2, (-2) ** -1, 10 ** -3)
print(-(5), +(5), -(-5), ~5, ~-1, ~0)
print(1 + 2 * 3 - 4 // 2 % 3)
print(-2 ** 2, (-2) ** 2, 2 ** 3 ** 2)
print(17 // 1, 17 % 1, -17 // 1, 0 // 5, 0 % 5)
print(type(7 / 7), 7 / 7, type(7 // 7), type(2 ** -1))
print(sum(vals), min(vals), max(vals))
x = 10
x += 5; print(x)
x -= 20; print(x)
x *= -3; print(x)
x //= 4; print(x)
x %= 5; print(x)
x **= 3; print(x)
