# __new__: singletons, caching, and __init__ interaction.
class Single:
    _instance = None
    def __new__(cls, *args):
        print("  __new__", args)
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance
    def __init__(self, v):
        print("  __init__", v)
        self.v = v

a = Single(1)
b = Single(2)
print(a is b, a.v)

class Interned:
    _cache = {}
    def __new__(cls, key):
        if key not in cls._cache:
            obj = super().__new__(cls)
            obj.key = key
            cls._cache[key] = obj
        return cls._cache[key]
print(Interned("x") is Interned("x"), Interned("x") is Interned("y"))
print(len(Interned._cache))

class ReturnsOther:
    def __new__(cls):
        return 42
    def __init__(self):
        print("  never called")
print(ReturnsOther())

class Other:
    def __init__(self):
        print("  Other.__init__ not called via Factory")
class Factory:
    def __new__(cls):
        return Other.__new__(Other)
print(type(Factory()).__name__)

class Sub(Single):
    pass

class PosInt(int):
    def __new__(cls, v):
        return super().__new__(cls, abs(v))
print(PosInt(-5), type(PosInt(-5)).__name__, PosInt(3) + 1)

class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())
print(Upper("quiet"), len(Upper("ab")))

class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    def swap(self):
        return Pair(self[1], self[0])
p = Pair(1, 2)
print(p, p.swap(), isinstance(p, tuple))

class BadInit:
    def __init__(self):
        return 5
try:
    BadInit()
except TypeError as e:
    print("TypeError:", e)

class NewArgs:
    def __init__(self, a):
        self.a = a
try:
    object.__new__(NewArgs, 1)
    print("object.__new__ with extra args ok when __init__ overridden")
except TypeError as e:
    print("TypeError:", e)

class NoInitNoNew:
    pass
try:
    NoInitNoNew(1)
except TypeError as e:
    print("TypeError:", e)
try:
    object.__new__(5)
except TypeError as e:
    print("TypeError:", e)

class Tracker:
    order = []
    def __new__(cls, *a):
        cls.order.append("new")
        return super().__new__(cls)
    def __init__(self, *a):
        self.order.append("init")
Tracker(); Tracker(1)
print(Tracker.order)
