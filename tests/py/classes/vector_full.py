# A small immutable 2D vector class using many special methods.
class Vec:
    __slots__ = ("x", "y")
    def __init__(self, x=0, y=0):
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)
    def __setattr__(self, name, value):
        raise AttributeError(f"Vec is immutable (tried to set {name})")
    def __repr__(self):
        return f"Vec({self.x!r}, {self.y!r})"
    def __str__(self):
        return f"<{self.x}, {self.y}>"
    def __format__(self, spec):
        return f"<{format(self.x, spec)}, {format(self.y, spec)}>"
    def __eq__(self, other):
        if isinstance(other, Vec):
            return (self.x, self.y) == (other.x, other.y)
        if isinstance(other, tuple):
            return (self.x, self.y) == other
        return NotImplemented
    def __hash__(self):
        return hash((self.x, self.y))
    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(self.x + other.x, self.y + other.y)
        return NotImplemented
    __radd__ = __add__
    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)
    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec(self.x * k, self.y * k)
        return NotImplemented
    def __rmul__(self, k):
        return self * k
    def __matmul__(self, other):
        return self.x * other.x + self.y * other.y
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __bool__(self):
        return bool(self.x or self.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        yield self.x
        yield self.y
    def __lt__(self, other):
        return abs(self) < abs(other)

a, b = Vec(3, 4), Vec(1, -2)
print(a, repr(b), f"{a:.2f}", f"{b:>3}")
print(a + b, a - b, a * 2, 2 * a, -b, a @ b)
print(abs(a), bool(a), bool(Vec()), len(a))
print(a[0], a[-1], a[:1], list(a), tuple(b))
x, y = a
print(x, y)
print(a == Vec(3, 4), a == (3, 4), a != b, a == "nope")
print(len({a, Vec(3, 4), b}))
print(sorted([a, b, Vec(0, 1)]))
print(max([a, b]), min(a, b))
print(sum([a, b, Vec(1, 1)], Vec()))
try:
    sum([a, b])
except TypeError as e:
    print("TypeError:", e)
try:
    a.x = 10
except AttributeError as e:
    print("AttributeError:", e)
try:
    a * "s"
except TypeError as e:
    print("TypeError:", e)
try:
    a + 1
except TypeError as e:
    print("TypeError:", e)
try:
    a[2]
except IndexError as e:
    print("IndexError:", e)
print(3 in a, 5 in a)
print(dict(zip("xy", a)))
print(Vec(*reversed(list(a))))
print(a.__slots__, hasattr(a, "__dict__"))
