# In-place operators and their fallback to binary operators.
class Acc:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"Acc({self.v})"
    def __iadd__(self, o):
        print("  __iadd__")
        self.v += o
        return self
    def __add__(self, o):
        print("  __add__")
        return Acc(self.v + o)
    def __isub__(self, o):
        print("  __isub__ returns NotImplemented")
        return NotImplemented
    def __sub__(self, o):
        print("  __sub__")
        return Acc(self.v - o)
    def __imul__(self, o):
        print("  __imul__ returns a different value")
        return "replaced"

a = Acc(1)
orig = a
a += 5
print(a, a is orig)
a -= 2
print(a, a is orig)
a *= 3
print(a)

class OnlyBinary:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return OnlyBinary(self.v + o)
    def __pow__(self, o):
        return OnlyBinary(self.v ** o)
b = OnlyBinary(2)
ob = b
b += 3
print(b.v, b is ob)
b **= 2
print(b.v)

class Reflect:
    def __radd__(self, o):
        return "radd from " + type(o).__name__
x = 5
x += Reflect()
print(x)

lst = [1]
alias = lst
lst += [2]
print(lst, alias, lst is alias)
tup = (1,)
talias = tup
tup += (2,)
print(tup, talias, tup is talias)

class All:
    def __init__(self):
        self.ops = []
    def _rec(name):
        def m(self, o):
            self.ops.append(name)
            return self
        return m
    __iadd__ = _rec("iadd"); __isub__ = _rec("isub"); __imul__ = _rec("imul")
    __itruediv__ = _rec("itruediv"); __ifloordiv__ = _rec("ifloordiv")
    __imod__ = _rec("imod"); __ipow__ = _rec("ipow"); __imatmul__ = _rec("imatmul")
    __iand__ = _rec("iand"); __ior__ = _rec("ior"); __ixor__ = _rec("ixor")
    __ilshift__ = _rec("ilshift"); __irshift__ = _rec("irshift")
z = All()
z += 1; z -= 1; z *= 1; z /= 1; z //= 1; z %= 1; z **= 1; z @= 1
z &= 1; z |= 1; z ^= 1; z <<= 1; z >>= 1
print(z.ops)

class Nothing:
    pass
n = Nothing()
try:
    n += 1
except TypeError as e:
    print("TypeError:", e)
try:
    n @= 1
except TypeError as e:
    print("TypeError:", e)

class Item:
    def __init__(self):
        self.data = [Acc(0)]
it = Item()
it.data[0] += 7
print(it.data)
d = {"k": 1}
d["k"] += 10
print(d)

t = ([1],)
try:
    t[0] += [2]
except TypeError as e:
    print("TypeError:", e)
print(t)
