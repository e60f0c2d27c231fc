# Reflected operators and NotImplemented fallback.
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return f"Money({self.cents})"
    def __add__(self, other):
        print("  Money.__add__", other)
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented
    def __radd__(self, other):
        print("  Money.__radd__", other)
        if other == 0:
            return self
        return self.__add__(other)
    def __rsub__(self, other):
        print("  Money.__rsub__", other)
        return Money(other - self.cents)
    def __rmul__(self, other):
        return Money(self.cents * other)

m = Money(100)
print(m + 5)
print(5 + m)
print(m + m)
print(sum([Money(1), Money(2), Money(3)]))
print(10 - m)
print(3 * m)
try:
    m + "x"
except TypeError as e:
    print("TypeError:", e)
try:
    "x" + m
except TypeError as e:
    print("TypeError:", e)
try:
    m * 3
except TypeError as e:
    print("TypeError:", e)

class Base:
    def __add__(self, o):
        return "Base.__add__"
    def __radd__(self, o):
        return "Base.__radd__"
class Sub(Base):
    def __radd__(self, o):
        return "Sub.__radd__"
print(Base() + Sub())
print(Sub() + Base())
print(Base() + Base())

class SubNoOverride(Base):
    pass
print(Base() + SubNoOverride())

class Left:
    def __add__(self, o):
        print("  Left.__add__")
        return NotImplemented
class Right:
    def __radd__(self, o):
        print("  Right.__radd__")
        return "right handled"
print(Left() + Right())

class Never:
    def __add__(self, o):
        return NotImplemented
    def __radd__(self, o):
        return NotImplemented
try:
    Never() + Never()
except TypeError as e:
    print("TypeError:", e)

class Pow:
    def __rpow__(self, base):
        return f"rpow({base})"
    def __rtruediv__(self, o):
        return f"rtruediv({o})"
    def __rfloordiv__(self, o):
        return f"rfloordiv({o})"
    def __rmod__(self, o):
        return f"rmod({o})"
    def __rmatmul__(self, o):
        return f"rmatmul({o})"
    def __rand__(self, o):
        return f"rand({o})"
    def __ror__(self, o):
        return f"ror({o})"
    def __rxor__(self, o):
        return f"rxor({o})"
    def __rlshift__(self, o):
        return f"rlshift({o})"
    def __rrshift__(self, o):
        return f"rrshift({o})"
    def __rdivmod__(self, o):
        return f"rdivmod({o})"
p = Pow()
print(2 ** p, 2 / p, 2 // p, 2 % p, 2 @ p)
print(2 & p, 2 | p, 2 ^ p, 2 << p, 2 >> p, divmod(2, p))
print(1.5 ** p, [1] + [2] if False else "list" + " " + str(2 & p))
print(NotImplemented, type(NotImplemented).__name__)
