# + and * on sequences; type restrictions
print([1] + [2], (1,) + (2,), "a" + "b", b"a" + b"b", bytearray(b"a") + b"b", [1] * 3, 3 * (1,), "ab" * 2, b"-" * 3)
print([1] * 0, [1] * -2, "x" * False, "x" * True, [[1]] * 2, range(3)[::-1] if False else "skip")
class Idx:
    def __index__(self):
        return 2
print("ab" * Idx(), [0] * Idx(), Idx() * (1,))
for f in [lambda: [1] + (1,), lambda: (1,) + [1], lambda: "a" + b"a", lambda: [1] * 1.0, lambda: "a" * "b", lambda: range(2) + range(2), lambda: {1} + {2}, lambda: {1: 2} * 2]:
    try:
        print(f())
    except TypeError as e:
        print(type(e).__name__, e)
try:
    "x" * (2 ** 100)
except OverflowError as e:
    print(type(e).__name__, e)
x = [1, 2]
y = x
x += "ab"
print(x, y is x)
t = (1,)
t *= 3
print(t)
