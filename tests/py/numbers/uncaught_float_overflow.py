# An uncaught OverflowError from float exponentiation
x = 10.0
for i in range(12):
    x = x ** 2
    print(i, x)
