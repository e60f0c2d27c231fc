# classmethod and staticmethod.
class Temp:
    unit = "C"
    instances = 0
    def __init__(self, deg):
        self.deg = deg
        Temp.instances += 1
    @classmethod
    def from_f(cls, f):
        return cls(round((f - 32) * 5 / 9))
    @classmethod
    def describe(cls):
        return cls.__name__ + " in " + cls.unit
    @staticmethod
    def valid(deg):
        return -273 <= deg
    def check(self):
        return self.valid(self.deg)

class Kelvin(Temp):
    unit = "K"

t = Temp.from_f(212)
print(type(t).__name__, t.deg)
k = Kelvin.from_f(32)
print(type(k).__name__, k.deg)
print(Temp.describe(), Kelvin.describe(), k.describe())
print(Temp.valid(-300), t.valid(0), t.check())
print(Temp.instances)

print(type(Temp.__dict__["from_f"]).__name__)
print(type(Temp.__dict__["valid"]).__name__)
print(type(Temp.from_f).__name__)
print(type(Temp.valid).__name__)
print(Temp.from_f.__self__ is Temp)
print(Kelvin.from_f.__self__ is Kelvin)
print(Temp.__dict__["valid"].__func__ is Temp.valid)
print(Temp.__dict__["from_f"].__func__.__name__)

def plain(x):
    return ("plain", x)
sm = staticmethod(plain)
cm = classmethod(plain)
class Holder:
    s = sm
    c = cm
print(Holder.s(1), Holder().s(2))
print(Holder.c(), Holder().c()[0])
print(Holder.c()[1] is Holder)
print(sm.__func__ is plain, cm.__func__ is plain)
print(callable(sm))
print(sm(5))

class Counter:
    count = 0
    @classmethod
    def bump(cls):
        cls.count += 1
        return cls.count
class SubCounter(Counter):
    pass
print(Counter.bump(), Counter.bump(), SubCounter.bump(), Counter.count, SubCounter.count)
print("count" in SubCounter.__dict__)

class Alt:
    @staticmethod
    def factory():
        return Alt()
    @classmethod
    def names(cls, *extra):
        return [cls.__name__, *extra]
print(type(Alt.factory()).__name__)
print(Alt.names("x", "y"))
print(Alt().names())
try:
    Temp.from_f()
except TypeError as e:
    print("TypeError:", e)
try:
    Temp.check()
except TypeError as e:
    print("TypeError:", e)
