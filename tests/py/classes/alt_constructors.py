# Alternative constructors with classmethods, respecting subclasses.
class Date:
    def __init__(self, year, month, day):
        self.year, self.month, self.day = year, month, day
    @classmethod
    def from_string(cls, text):
        y, m, d = map(int, text.split("-"))
        return cls(y, m, d)
    @classmethod
    def from_tuple(cls, t):
        return cls(*t)
    @staticmethod
    def is_leap(year):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    def __repr__(self):
        return f"{type(self).__name__}({self.year}, {self.month}, {self.day})"

class EuroDate(Date):
    def __str__(self):
        return f"{self.day:02d}.{self.month:02d}.{self.year}"

print(Date.from_string("2024-02-29"))
print(EuroDate.from_string("2023-07-04"), str(EuroDate.from_tuple((1999, 12, 31))))
print(type(EuroDate.from_tuple((1, 2, 3))).__name__)
print([y for y in (1900, 2000, 2023, 2024) if Date.is_leap(y)])
try:
    Date.from_string("2024/01/01")
except ValueError as e:
    print("ValueError:", e)
try:
    Date.from_tuple((1, 2))
except TypeError as e:
    print("TypeError:", e)

class Color:
    _registry = {}
    def __init__(self, r, g, b):
        self.rgb = (r, g, b)
    @classmethod
    def from_hex(cls, h):
        h = h.lstrip("#")
        return cls(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))
    @classmethod
    def named(cls, name):
        return cls._registry[name]
    @classmethod
    def register(cls, name, *rgb):
        cls._registry[name] = cls(*rgb)
    def __repr__(self):
        return "Color" + repr(self.rgb)
Color.register("red", 255, 0, 0)
Color.register("teal", 0, 128, 128)
print(Color.from_hex("#ff8000"), Color.named("teal"), sorted(Color._registry))
try:
    Color.named("plaid")
except KeyError as e:
    print("KeyError:", e)

class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
    @classmethod
    def zeros(cls, n, m):
        return cls([[0] * m for _ in range(n)])
    @classmethod
    def identity(cls, n):
        return cls([[int(i == j) for j in range(n)] for i in range(n)])
    def __repr__(self):
        return "Matrix(" + repr(self.rows) + ")"
print(Matrix.zeros(2, 3), Matrix.identity(3))
z = Matrix.zeros(2, 2)
z.rows[0][0] = 5
print(z)
