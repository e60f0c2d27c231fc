# property with getter, setter, deleter, docs and errors.
class Circle:
    def __init__(self, r):
        self._r = r
        self.log = []
    @property
    def radius(self):
        "The radius."
        self.log.append("get")
        return self._r
    @radius.setter
    def radius(self, v):
        self.log.append("set")
        if v < 0:
            raise ValueError("negative radius")
        self._r = v
    @radius.deleter
    def radius(self):
        self.log.append("del")
        self._r = 0
    @property
    def area(self):
        return 3 * self._r ** 2

c = Circle(2)
print(c.radius, c.area)
c.radius = 5
print(c.radius, c.area)
try:
    c.radius = -1
except ValueError as e:
    print("ValueError:", e)
del c.radius
print(c.radius)
print(c.log)
try:
    c.area = 10
except AttributeError as e:
    print("AttributeError:", e)
try:
    del c.area
except AttributeError as e:
    print("AttributeError:", e)

print(type(Circle.radius).__name__)
print(Circle.radius.__doc__)
print(Circle.radius.fget.__name__, Circle.radius.fset.__name__, Circle.radius.fdel.__name__)
print(Circle.area.fset, Circle.area.fdel)

def get_x(self):
    return self._x * 2
def set_x(self, v):
    self._x = v
class Old:
    x = property(get_x, set_x, None, "x doc")
    ro = property(lambda self: "read only")
o = Old()
o.x = 4
print(o.x, Old.x.__doc__, o.ro)
try:
    o.ro = 1
except AttributeError as e:
    print("AttributeError:", e)

class Sub(Circle):
    @Circle.radius.getter
    def radius(self):
        return self._r * 100
s = Sub(1)
print(s.radius)
s.radius = 2
print(s.radius, s.log)

class Lazy:
    calls = 0
    @property
    def value(self):
        Lazy.calls += 1
        return 42
l = Lazy()
print(l.value, l.value, Lazy.calls)
l.__dict__["value"] = "shadow?"
print(l.value)

p = property()
class Empty:
    a = p
try:
    Empty().a
except AttributeError as e:
    print("AttributeError:", e)

class Raising:
    @property
    def bad(self):
        raise AttributeError("inner failure")
    def __getattr__(self, name):
        return "fallback for " + name
print(Raising().bad)
