# chained comparisons evaluate middle operands once and short-circuit
def t(v, label):
    print("  eval", label)
    return v
print(t(1, "a") < t(2, "b") < t(3, "c"))
print(t(3, "a") < t(2, "b") < t(1, "c"))
print(t(1, "a") < t(5, "b") > t(2, "c") == t(2, "d"))
print(1 < 2 < 3, 3 > 2 > 1, 1 < 3 < 2, 1 == 1 == 1, 1 == 1 != 2, 1 != 2 != 1)
print(1 <= 1 < 2 <= 2, "a" < "b" < "c", [1] < [2] <= [2], 0 < 0.5 < 1 < 1.5)
x = 5
print(0 < x < 10, 0 < x < 3, x == 5 == 5.0, 2 < x != 5)
print(1 in [1, 2] in [[1, 2]], x is not None is not False, "b" in "abc" not in "xyz")
print((1 < 2) < 3, 1 < (2 < 3), (3 > 2) == 1)
class Noisy:
    def __init__(self, n):
        self.n = n
    def __lt__(self, o):
        print(f"  {self.n} < {o.n}")
        return self.n < o.n
a, b, c = Noisy(1), Noisy(2), Noisy(0)
print(a < b < c)
print(c < a < b)
try:
    print(1 < "a" < 2)
except TypeError as e:
    print(type(e).__name__, e)
print(1 < 2 > "a" if False else "skip", 3 > 1 < "a" if False else "skip")
try:
    print(3 > 1 < "a")
except TypeError as e:
    print(type(e).__name__, e)
print(2 > 3 < "a")
