# Arithmetic operator dunders.
class V:
    def __init__(self, *c):
        self.c = c
    def __repr__(self):
        return "V" + repr(self.c)
    def __add__(self, o):
        return V(*(a + b for a, b in zip(self.c, o.c)))
    def __sub__(self, o):
        return V(*(a - b for a, b in zip(self.c, o.c)))
    def __mul__(self, k):
        return V(*(a * k for a in self.c))
    def __truediv__(self, k):
        return V(*(a / k for a in self.c))
    def __floordiv__(self, k):
        return V(*(a // k for a in self.c))
    def __mod__(self, k):
        return V(*(a % k for a in self.c))
    def __pow__(self, k, mod=None):
        if mod is None:
            return V(*(a ** k for a in self.c))
        return V(*(pow(a, k, mod) for a in self.c))
    def __divmod__(self, k):
        return (self // k, self % k)
    def __matmul__(self, o):
        return sum(a * b for a, b in zip(self.c, o.c))
    def __neg__(self):
        return V(*(-a for a in self.c))
    def __pos__(self):
        return V(*(abs(a) for a in self.c))
    def __abs__(self):
        return sum(a * a for a in self.c) ** 0.5
    def __invert__(self):
        return V(*reversed(self.c))
    def __lshift__(self, n):
        return V(*(self.c[n:] + self.c[:n]))
    def __rshift__(self, n):
        return V(*(self.c[-n:] + self.c[:-n]))
    def __and__(self, o):
        return V(*(a & b for a, b in zip(self.c, o.c)))
    def __or__(self, o):
        return V(*(a | b for a, b in zip(self.c, o.c)))
    def __xor__(self, o):
        return V(*(a ^ b for a, b in zip(self.c, o.c)))

a = V(1, 2, 3)
b = V(4, 5, 6)
print(a + b)
print(b - a)
print(a * 3)
print(b / 2)
print(b // 4)
print(b % 4)
print(a ** 2)
print(pow(a, 3, 5))
print(divmod(b, 4))
print(a @ b)
print(-a)
print(+V(-1, 2, -3))
print(abs(V(3, 4)))
print(~a)
print(a << 1)
print(a >> 1)
print(V(12, 10) & V(10, 6))
print(V(12, 10) | V(10, 6))
print(V(12, 10) ^ V(10, 6))
print(a + b * 2 - a)

class Only:
    pass
for expr in ["Only() + 1", "1 + Only()", "Only() - Only()", "-Only()", "~Only()",
             "Only() @ 1", "abs(Only())", "Only() ** 2", "Only() < 1", "Only() << 2"]:
    try:
        eval(expr)
    except TypeError as e:
        print("TypeError:", e)

try:
    1 - a
except TypeError as e:
    print("TypeError:", e)

class Str:
    def __add__(self, o):
        return "Str+" + repr(o)
print(Str() + 1, Str() + "s", Str() + None)
print(V.__add__(a, b))
