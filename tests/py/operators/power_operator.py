# ** operator: types of results, negative bases, right associativity
print(2 ** 10, 2 ** 0, 2 ** -1, 2 ** -3, 0 ** 0, 0 ** 5, 1 ** -5, (-1) ** -1, (-1) ** 101)
print(2.0 ** 3, 4 ** 0.5, 8 ** (1 / 3), (-8) ** 2, (-8.0) ** 3, 10 ** -2, 0.0 ** 0.0)
print(type(2 ** 2).__name__, type(2 ** -2).__name__, type(2 ** 2.0).__name__, type((-1) ** 0.5).__name__)
print((-1) ** 0.5, (-8) ** (1 / 3), 1j ** 2, (1 + 1j) ** 2, 2 ** 1j)
print(2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2, 2 ** -2 ** 2, (-2) ** 2 ** 2)
print(10 ** 30, 3 ** 40, (-3) ** 41, 7 ** 0.0)
print(pow(2, 3) == 2 ** 3, pow(2.5, 2) == 2.5 ** 2)
x = 3
x **= 3
print(x)
x **= -1
print(x)
for f in [lambda: 0 ** -1, lambda: 0.0 ** -2, lambda: "a" ** 2, lambda: 2 ** "a", lambda: 10.0 ** 1000, lambda: [1] ** 2]:
    try:
        print(f())
    except (ZeroDivisionError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
