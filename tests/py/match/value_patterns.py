# Value patterns using dotted names.
class Color:
    RED = "red"
    GREEN = "green"
    BLUE = "blue"

class Codes:
    OK = 200
    NOT_FOUND = 404
    class Nested:
        DEEP = "deep"

def name(c):
    match c:
        case Color.RED:
            return "is red"
        case Color.GREEN | Color.BLUE:
            return "is green or blue"
        case Codes.OK:
            return "ok code"
        case Codes.NOT_FOUND:
            return "not found code"
        case Codes.Nested.DEEP:
            return "deep value"
        case _:
            return "unknown"

for v in ["red", "green", "blue", 200, 404, "deep", 500, "RED"]:
    print(repr(v), name(v))

import collections
Point = collections.namedtuple("Point", "x y")
ORIGIN = Point(0, 0)
class Consts:
    origin = ORIGIN

def where(p):
    match p:
        case Consts.origin:
            return "at origin"
        case Point(x=0):
            return "on y axis"
        case _:
            return "elsewhere"
print(where(Point(0, 0)), where(Point(0, 5)), where(Point(1, 1)), where((0, 0)))

class Dynamic:
    limit = 10
def lim(v):
    match v:
        case Dynamic.limit:
            return "at limit"
        case _:
            return "not at limit"
print(lim(10))
Dynamic.limit = 20
print(lim(10), lim(20))

class Eq:
    def __init__(self, tag):
        self.tag = tag
    def __eq__(self, other):
        print("  __eq__ called with", other)
        return other == self.tag
class Holder:
    thing = Eq("T")
def eq_check(v):
    match v:
        case Holder.thing:
            return "matched via __eq__"
        case _:
            return "no match"
print(eq_check("T"))
print(eq_check("U"))

import sys
def mod_value(v):
    match v:
        case sys.maxsize:
            return "maxsize"
        case _:
            return "smaller"
print(mod_value(sys.maxsize), mod_value(1))
