# result types when mixing bool, int, float and complex
vals = [True, 2, 2.5, 1 + 1j]
for a in vals:
    row = []
    for b in vals:
        row.append(type(a + b).__name__)
    print(type(a).__name__, row)
for a in vals:
    print(type(a).__name__, [type(a * b).__name__ for b in vals], [type(a / b).__name__ for b in vals])
print(type(2 // 1).__name__, type(2.0 // 1).__name__, type(True // True).__name__, type(2 % 1.0).__name__)
print(type(2 ** 2).__name__, type(2 ** -2).__name__, type((-2) ** 0.5).__name__, type(True ** 2).__name__)
print(type(-True).__name__, type(~True).__name__, type(+True).__name__, type(abs(True)).__name__, type(True & True).__name__, type(True & 1).__name__)
print(1 + True, 1.0 + True, 1j + True, 2 ** 0.5 + 1j)
class MyInt(int):
    pass
print(type(MyInt(1) + 1).__name__, type(1 + MyInt(1)).__name__, type(MyInt(1) + MyInt(1)).__name__, type(-MyInt(1)).__name__)
class MyFloat(float):
    pass
print(type(MyFloat(1) + 1).__name__, type(MyFloat(1) * 2.0).__name__, type(abs(MyFloat(-1))).__name__)
