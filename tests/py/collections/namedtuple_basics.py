# namedtuple: construction, fields, defaults, _replace/_asdict/_make, errors.
from collections import namedtuple
import pickle

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p.y, p[0], len(p), tuple(p))
print(Point._fields, Point.__name__, Point.x.__doc__)
print(p._replace(x=10), p._asdict(), Point._make([5, 6]))
print(p == (1, 2), hash(p) == hash((1, 2)))
x, y = p
print(x + y)

Rec = namedtuple("Rec", ["name", "age", "city"], defaults=["nowhere"])
print(Rec("ann", 30), Rec._field_defaults)

R2 = namedtuple("R2", "a def b a", rename=True)
print(R2._fields)

for args in [("P", "x x"), ("P", "_x"), ("1P", "x"), ("P", "class")]:
    try:
        namedtuple(*args)
    except ValueError as e:
        print("ValueError:", e)

try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
try:
    Point(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    p._replace(z=1)
except ValueError as e:
    print("ValueError:", e)
try:
    Point._make([1])
except TypeError as e:
    print("TypeError:", e)

print(pickle.loads(pickle.dumps(p)) == p)

class Vec(namedtuple("Vec", "x y")):
    __slots__ = ()
    def norm2(self):
        return self.x * self.x + self.y * self.y
print(Vec(3, 4).norm2(), Vec(3, 4))

total = 0
for i in range(1000):
    q = Point(i, -i)
    total += q.x - q.y
print(total)
