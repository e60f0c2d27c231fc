# Class patterns with __match_args__ and keyword patterns.
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

class Point3(Point):
    __match_args__ = ("x", "y", "z")
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

def where(p):
    match p:
        case Point3(0, 0, 0):
            return "3d origin"
        case Point3(x, y, z=5):
            return f"3d z=5 at {x},{y}"
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x=x, y=y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "some point"
        case _:
            return "not a point"

for p in [Point(0, 0), Point(0, 3), Point(4, 0), Point(2, 2), Point(1, 2),
          Point3(0, 0, 0), Point3(1, 2, 5), Point3(1, 1, 1), (0, 0)]:
    print(where(p))

class NoArgs:
    def __init__(self):
        self.a = 1
def kw_only(o):
    match o:
        case NoArgs(a=1, b=2):
            return "has b"
        case NoArgs(a=1):
            return "a is 1"
print(kw_only(NoArgs()))
n = NoArgs(); n.b = 2
print(kw_only(n))

try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)

try:
    match Point(1, 2):
        case Point(1, 2, 3):
            pass
except TypeError as e:
    print("TypeError:", e)

class BadArgs:
    __match_args__ = ["x"]
    x = 1
try:
    match BadArgs():
        case BadArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)

class NonStrArgs:
    __match_args__ = (1,)
try:
    match NonStrArgs():
        case NonStrArgs(_):
            pass
except TypeError as e:
    print("TypeError:", e)

try:
    match Point(1, 2):
        case Point(1, x=1):
            pass
except TypeError as e:
    print("TypeError:", e)

not_a_class = 5
try:
    match 1:
        case not_a_class():
            pass
except TypeError as e:
    print("TypeError:", e)

class Missing:
    __match_args__ = ("gone",)
def check_missing(v):
    match v:
        case Missing(x):
            return "matched " + str(x)
        case _:
            return "attribute missing means no match"
print(check_missing(Missing()))

class Lazy:
    __match_args__ = ("value",)
    @property
    def value(self):
        print("  computing value")
        return 10
def lazy(v):
    match v:
        case Lazy(5):
            return "five"
        case Lazy(10):
            return "ten"
print(lazy(Lazy()))

class Sub(Point):
    pass
match Sub(7, 8):
    case Point(a, b):
        print("subclass matches with inherited match args:", a, b)

def nested(v):
    match v:
        case Point(Point(a, b), Point(c, d)):
            return ("segment", a, b, c, d)
        case Point(x=[first, *_]):
            return ("list x", first)
print(nested(Point(Point(1, 2), Point(3, 4))), nested(Point([9, 8], None)))
