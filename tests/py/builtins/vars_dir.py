# vars() and dir() on simple objects
class Point:
    kind = "2d"
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm1(self):
        return abs(self.x) + abs(self.y)
p = Point(1, -2)
print(vars(p), p.__dict__ is vars(p))
vars(p)["z"] = 3
print(p.z, sorted(vars(p)))
own = [n for n in dir(p) if not n.startswith("__")]
print(own)
print([n for n in dir(Point) if not n.startswith("__")])
print("x" in dir(p), "x" in dir(Point), "norm1" in dir(p), "__init__" in dir(p), dir(p) == sorted(dir(p)))
class Custom:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]
print(dir(Custom()))
try:
    vars(5)
except TypeError as e:
    print(type(e).__name__, e)
class Slotted:
    __slots__ = ("a",)
try:
    vars(Slotted())
except TypeError as e:
    print(type(e).__name__, e)
print(sorted(k for k in vars(Point) if not k.startswith("__")))
print([n for n in dir([]) if not n.startswith("_")])
print([n for n in dir({}) if not n.startswith("_")])
print([n for n in dir(1) if not n.startswith("_")])
