# a subclass's reflected method is tried before the base class's forward method
class Base:
    def __init__(self, v):
        self.v = v
    def __add__(self, other):
        return f"Base.__add__({self.v}, {other.v})"
    def __radd__(self, other):
        return f"Base.__radd__({self.v}, {other.v})"
    def __lt__(self, other):
        return f"Base.__lt__({self.v}, {other.v})"
    def __gt__(self, other):
        return f"Base.__gt__({self.v}, {other.v})"
class Child(Base):
    def __radd__(self, other):
        return f"Child.__radd__({self.v}, {other.v})"
    def __gt__(self, other):
        return f"Child.__gt__({self.v}, {other.v})"
b, c = Base("b"), Child("c")
print(b + c)
print(c + b)
print(b + b)
print(b < c)
print(c < b)
class SmartInt(int):
    def __radd__(self, other):
        return f"SmartInt.__radd__ wins over int.__add__ ({other})"
    def __rsub__(self, other):
        return NotImplemented
print(5 + SmartInt(3))
print(5 - SmartInt(3))
class Other:
    def __radd__(self, other):
        return "Other.__radd__"
print(b + Other() if False else "skip", 1 + Other(), [1] + Other() if False else "skip")
try:
    print([1] + Other())
except TypeError as e:
    print(type(e).__name__, e)
