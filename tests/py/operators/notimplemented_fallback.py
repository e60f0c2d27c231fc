# NotImplemented makes Python try the reflected operation, then raise TypeError
class A:
    def __add__(self, other):
        print("  A.__add__")
        return NotImplemented
    def __radd__(self, other):
        print("  A.__radd__")
        return NotImplemented
class B:
    def __add__(self, other):
        print("  B.__add__")
        return "B+"
    def __radd__(self, other):
        print("  B.__radd__")
        return "+B"
print(A() + B())
print(B() + A())
try:
    A() + A()
except TypeError as e:
    print(type(e).__name__, e)
try:
    A() + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 + A()
except TypeError as e:
    print(type(e).__name__, e)
class Sub(B):
    def __radd__(self, other):
        print("  Sub.__radd__ (subclass reflected first)")
        return "Sub-r"
print(B() + Sub())
class SubNoOverride(B):
    pass
print(B() + SubNoOverride())
class OnlyR:
    def __rsub__(self, other):
        return f"{other} - OnlyR"
print(10 - OnlyR(), "s" - OnlyR())
try:
    OnlyR() - 10
except TypeError as e:
    print(type(e).__name__, e)
class Num:
    def __init__(self, v):
        self.v = v
    def __mul__(self, other):
        if isinstance(other, (int, Num)):
            return Num(self.v * (other.v if isinstance(other, Num) else other))
        return NotImplemented
    __rmul__ = __mul__
    def __repr__(self):
        return f"Num({self.v})"
print(Num(3) * 4, 4 * Num(3), Num(2) * Num(5))
try:
    Num(2) * "x"
except TypeError as e:
    print(type(e).__name__, e)
print([1, 2] * 2, 2 * [1, 2])
