# in-place operators: __iadd__ etc. with fallback to binary methods
class Acc:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        print("  __iadd__")
        self.v += o
        return self
    def __add__(self, o):
        print("  __add__")
        return Acc(self.v + o)
    def __repr__(self):
        return f"Acc({self.v})"
a = Acc(1)
alias = a
a += 5
print(a, alias, a is alias)
a = a + 1
print(a, alias, a is alias)
class NoInplace:
    def __init__(self, v):
        self.v = v
    def __mul__(self, o):
        print("  __mul__")
        return NoInplace(self.v * o)
    def __repr__(self):
        return f"NoInplace({self.v})"
b = NoInplace(3)
orig = b
b *= 4
print(b, orig, b is orig)
class NotImplIadd:
    def __isub__(self, o):
        print("  __isub__ -> NotImplemented")
        return NotImplemented
    def __sub__(self, o):
        print("  __sub__")
        return "sub result"
c = NotImplIadd()
c -= 1
print(c)
class ReturnsOther:
    def __ior__(self, o):
        return "replaced"
d = ReturnsOther()
d |= 1
print(d)
ops = {}
class All:
    pass
for name in ["iadd", "isub", "imul", "itruediv", "ifloordiv", "imod", "ipow", "imatmul", "iand", "ior", "ixor", "ilshift", "irshift"]:
    setattr(All, f"__{name}__", (lambda n: lambda self, o: n)(name))
results = []
x = All(); x += 1; results.append(x)
x = All(); x -= 1; results.append(x)
x = All(); x *= 1; results.append(x)
x = All(); x /= 1; results.append(x)
x = All(); x //= 1; results.append(x)
x = All(); x %= 1; results.append(x)
x = All(); x **= 1; results.append(x)
x = All(); x @= 1; results.append(x)
x = All(); x &= 1; results.append(x)
x = All(); x |= 1; results.append(x)
x = All(); x ^= 1; results.append(x)
x = All(); x <<= 1; results.append(x)
x = All(); x >>= 1; results.append(x)
print(results)
try:
    e = object()
    e += 1
except TypeError as err:
    print(type(err).__name__, err)
