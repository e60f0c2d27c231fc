# __dict__ contents of classes and instances.
class Shape:
    sides = 0
    def __init__(self, name):
        self.name = name
        self._cache = None
    def area(self):
        return 0
    @property
    def label(self):
        return self.name.title()
    @staticmethod
    def unit():
        return "cm"

def public(d):
    return sorted(k for k in d if not (k.startswith("__") and k.endswith("__")))

s = Shape("sq")
print(public(Shape.__dict__))
print(sorted(s.__dict__))
print(s.__dict__)
s.extra = [1]
print(public(vars(s)))
s.__dict__["direct"] = "set via dict"
print(s.direct)
del s.__dict__["extra"]
print(hasattr(s, "extra"))
print(vars(s) is s.__dict__)

class Square(Shape):
    sides = 4
    def area(self):
        return 1
print(public(Square.__dict__))
print("area" in Square.__dict__, "unit" in Square.__dict__, hasattr(Square, "unit"))
print(type(Shape.__dict__).__name__)
try:
    Shape.__dict__["new"] = 1
except TypeError as e:
    print("TypeError:", e)
Shape.new = 1
print("new" in Shape.__dict__)

s.__dict__ = {"name": "replaced"}
print(s.name, s.label)
try:
    s.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)

print(sorted(k for k in Shape.__dict__ if k in ("__module__", "__doc__", "__init__", "__dict__", "__weakref__")))
print(Shape.__doc__)
class Documented:
    "doc here"
print(Documented.__doc__, Documented.__dict__["__doc__"])
print(Shape.__dict__["__module__"])

try:
    vars(5)
except TypeError as e:
    print("TypeError:", e)

class Dynamic:
    pass
for i in range(3):
    setattr(Dynamic, f"m{i}", i * i)
print(public(Dynamic.__dict__))
inst = Dynamic()
for k in ("b", "a", "c"):
    setattr(inst, k, k.upper())
print(list(inst.__dict__), list(vars(inst).values()))
print(dir(inst) == sorted(dir(inst)))
print([n for n in dir(inst) if not n.startswith("_")])
