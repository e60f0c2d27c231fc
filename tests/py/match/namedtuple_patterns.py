# Matching namedtuples and tuple-like classes.
from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
Line = namedtuple("Line", "start end")
print(Point.__match_args__, Line.__match_args__)

def describe(shape):
    match shape:
        case Point(0, 0):
            return "origin point"
        case Point(x, 0):
            return f"point on x-axis at {x}"
        case Point(x=0, y=y):
            return f"point on y-axis at {y}"
        case Line(Point(x1, y1), Point(x2, y2)) if x1 == x2:
            return f"vertical line at x={x1}"
        case Line(start=Point(y=y1), end=Point(y=y2)) if y1 == y2:
            return f"horizontal line at y={y1}"
        case Line(a, b):
            return f"line from {tuple(a)} to {tuple(b)}"
        case (x, y):
            return f"plain pair {x},{y}"
        case _:
            return "unknown"

shapes = [Point(0, 0), Point(3, 0), Point(0, 4), Point(1, 1),
          Line(Point(1, 0), Point(1, 5)), Line(Point(0, 2), Point(9, 2)),
          Line(Point(0, 0), Point(1, 1)), (5, 6), [7, 8], "xy"]
for s in shapes:
    print(describe(s))

def as_sequence(p):
    match p:
        case [a, b]:
            return "namedtuple is a sequence", a, b
print(as_sequence(Point(1, 2)))

class Pair(tuple):
    __match_args__ = ("first", "second")
    @property
    def first(self):
        return self[0]
    @property
    def second(self):
        return self[1]
p = Pair((10, 20))
match p:
    case Pair(a, b):
        print("custom tuple class", a, b)
match p:
    case (a, b):
        print("as a tuple too", a, b)
