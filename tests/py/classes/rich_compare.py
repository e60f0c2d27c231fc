# Rich comparisons, reflection and fallbacks.
class Ver:
    def __init__(self, *parts):
        self.parts = parts
    def __repr__(self):
        return "Ver" + ".".join(map(str, self.parts))
    def __eq__(self, o):
        if not isinstance(o, Ver):
            return NotImplemented
        return self.parts == o.parts
    def __lt__(self, o):
        if not isinstance(o, Ver):
            return NotImplemented
        return self.parts < o.parts
    def __le__(self, o):
        return self == o or self < o

a, b, c = Ver(1, 2), Ver(1, 10), Ver(1, 2)
print(a == c, a != c, a == b, a != b)
print(a < b, b < a, a <= c, b <= a)
print(b > a, a > b)
print(a >= c)
print(sorted([Ver(2), Ver(1, 5), Ver(1), Ver(1, 5, 1)]))
print(max(a, b), min(a, b))
print(a == 5, a != 5)
try:
    a < 5
except TypeError as e:
    print("TypeError:", e)
try:
    5 >= a
except TypeError as e:
    print("TypeError:", e)

class Tracer:
    def __init__(self, name):
        self.name = name
    def __lt__(self, o):
        print(f"  {self.name}.__lt__({o.name})")
        return NotImplemented
    def __gt__(self, o):
        print(f"  {self.name}.__gt__({o.name})")
        return NotImplemented
    def __eq__(self, o):
        print(f"  {self.name}.__eq__({o.name})")
        return NotImplemented
x, y = Tracer("x"), Tracer("y")
try:
    x < y
except TypeError as e:
    print("TypeError:", e)
print(x == y)
print(x == x)
print(x != y)

class Sub(Ver):
    def __eq__(self, o):
        print("  Sub.__eq__ first")
        return True
print(Ver(1) == Sub(2))

class AlwaysEq:
    def __eq__(self, o):
        return True
print(AlwaysEq() == 1, 1 == AlwaysEq(), AlwaysEq() != 1)
print([1, 2, 3].count(AlwaysEq()), AlwaysEq() in [9])

class NonBool:
    def __lt__(self, o):
        return "truthy string"
print(NonBool() < 1)
print(sorted([3, 1, 2], key=lambda v: Ver(-v)))

class Chain:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        print(f"  compare {self.v} < {o.v}")
        return self.v < o.v
print(Chain(1) < Chain(2) < Chain(3))
print(Chain(1) < Chain(0) < Chain(3))
print([Ver(1)] == [Ver(1)], (Ver(1), 2) < (Ver(2), 1))
