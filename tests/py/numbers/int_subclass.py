# subclasses of int and float
class MyInt(int):
    def __repr__(self):
        return f"MyInt({int(self)})"
a = MyInt(5)
print(a, repr(a), str(a), a + 1, type(a + 1).__name__, type(-a).__name__, type(abs(a)).__name__)
print(a == 5, isinstance(a, int), type(a) is MyInt, int(a), type(int(a)).__name__)
print(MyInt("ff", 16), MyInt(), MyInt(3.9), MyInt(True))
class Even(int):
    def __new__(cls, v):
        return super().__new__(cls, v - v % 2)
    def __add__(self, other):
        return Even(int(self) + int(other))
print(Even(7), Even(7) + 3, type(Even(7) + 3).__name__, 3 + Even(7), type(3 + Even(7)).__name__)
class Radd(int):
    def __radd__(self, other):
        return "Radd.__radd__ wins"
print(1 + Radd(2), Radd(2) + 1)
class MyFloat(float):
    def describe(self):
        return "MyFloat(%r)" % float(self)
f = MyFloat(2.5)
print(f, f.describe(), f * 2, type(f * 2).__name__, MyFloat("1e3"), MyFloat(), round(f), f.is_integer())
print(hash(MyInt(7)) == hash(7), {MyInt(7): 'x'}[7], {7: 'y'}[MyInt(7)])
class Attr(int):
    pass
x = Attr(10)
x.label = "ten"
print(x, x.label, x * 2, vars(x))
print(sorted([MyInt(3), 1, MyFloat(2.0)]))
print(MyInt(5).__class__.__mro__[1:])
print(bool(MyInt(0)), bool(MyFloat(0.0)), MyInt(12).bit_length(), MyInt(10).to_bytes(2, 'big'))
