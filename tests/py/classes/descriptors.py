# Descriptor protocol: data vs non-data precedence.
class NonData:
    def __get__(self, obj, objtype=None):
        return ("nondata", obj is None, objtype.__name__)

class Data:
    def __init__(self):
        self.store = {}
    def __get__(self, obj, objtype=None):
        if obj is None:
            return "class access"
        return ("data", self.store.get(id(obj), "unset"))
    def __set__(self, obj, value):
        self.store[id(obj)] = value

class SetOnly:
    def __set__(self, obj, value):
        obj.__dict__["seto"] = ("via set", value)

class C:
    nd = NonData()
    d = Data()
    seto = SetOnly()

c = C()
print(c.nd)
print(C.nd)
c.__dict__["nd"] = "instance wins over non-data"
print(c.nd)
del c.__dict__["nd"]
print(c.nd)

print(c.d)
print(C.d)
c.d = 5
print(c.d)
c.__dict__["d"] = "instance dict ignored"
print(c.d)
print(c.__dict__["d"])

print(C.__dict__["seto"].__class__.__name__)
print(isinstance(c.seto, SetOnly))
c.seto = 1
print(c.seto)

class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __init__(self, kind):
        self.kind = kind
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}")
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        print("deleting", self.name)
        delattr(obj, self.name)

class Point:
    x = Typed(int)
    y = Typed(int)
    def __init__(self, x, y):
        self.x, self.y = x, y

p = Point(1, 2)
print(p.x, p.y, sorted(p.__dict__.items()))
try:
    p.x = "one"
except TypeError as e:
    print("TypeError:", e)
del p.y
try:
    p.y
except AttributeError as e:
    print("AttributeError:", e)
print(type(Point.x).__name__, Point.x.name)

class Method:
    def __init__(self, fn):
        self.fn = fn
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return lambda *a: self.fn(obj, *a)
class UsesMethod:
    @Method
    def hi(self, who):
        return "hi " + who
print(UsesMethod().hi("there"))

def f(self):
    return "bound to " + type(self).__name__
bound = f.__get__(c, C)
print(bound())
print(type(bound).__name__)
print(f.__get__(None, C) is f)

print(hasattr(NonData, "__set__"), hasattr(Data, "__set__"))

class Counter:
    def __get__(self, obj, objtype=None):
        obj.hits = getattr(obj, "hits", 0) + 1
        return obj.hits
class Hit:
    count = Counter()
h = Hit()
print(h.count, h.count, h.count)
