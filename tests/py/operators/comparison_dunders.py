# rich comparison dunders and their reflections
class C:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        print(f"  {self.v}.__eq__")
        return NotImplemented
    def __lt__(self, o):
        print(f"  {self.v}.__lt__")
        return NotImplemented
    def __gt__(self, o):
        print(f"  {self.v}.__gt__")
        return NotImplemented
    def __le__(self, o):
        print(f"  {self.v}.__le__")
        return NotImplemented
    def __ge__(self, o):
        print(f"  {self.v}.__ge__")
        return NotImplemented
a, b = C("a"), C("b")
print(a == b)
print(a != b)
for label, f in [("<", lambda: a < b), ("<=", lambda: a <= b), (">", lambda: a > b), (">=", lambda: a >= b)]:
    try:
        f()
    except TypeError as e:
        print(label, type(e).__name__, e)
class Ord:
    def __init__(self, v):
        self.v = v
    def __lt__(self, o):
        return self.v < (o.v if isinstance(o, Ord) else o)
    def __repr__(self):
        return f"Ord({self.v})"
print(Ord(1) < Ord(2), Ord(2) > Ord(1), Ord(1) < 5, 5 > Ord(1), 0 < Ord(1) if False else "skip")
try:
    Ord(1) <= Ord(2)
except TypeError as e:
    print(type(e).__name__, e)
print(sorted([Ord(3), Ord(1), Ord(2)]), max([Ord(3), Ord(7)]) if False else "skip")
class EqOnly:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, EqOnly) and self.v == o.v
print(EqOnly(1) == EqOnly(1), EqOnly(1) != EqOnly(1), EqOnly(1) != EqOnly(2), EqOnly(1) == 1)
class NeOverride:
    def __eq__(self, o):
        return True
    def __ne__(self, o):
        return "custom ne"
print(NeOverride() == 0, NeOverride() != 0)
class Base:
    def __eq__(self, o):
        return "Base.__eq__"
class Derived(Base):
    def __eq__(self, o):
        return "Derived.__eq__"
print(Base() == Derived(), Derived() == Base())
x = object()
print(x == x, x != x, x == object())
