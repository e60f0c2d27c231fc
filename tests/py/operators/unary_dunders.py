# unary dunders and related conversions on user objects
class V:
    def __init__(self, v):
        self.v = v
    def __neg__(self):
        return V(-self.v)
    def __pos__(self):
        return V(abs(self.v))
    def __invert__(self):
        return V(~self.v)
    def __abs__(self):
        return V(abs(self.v) * 10)
    def __int__(self):
        return int(self.v)
    def __float__(self):
        return float(self.v)
    def __complex__(self):
        return complex(self.v, 1)
    def __index__(self):
        return int(self.v)
    def __round__(self, n=None):
        return V(round(self.v, n))
    def __repr__(self):
        return f"V({self.v})"
v = V(-3)
print(-v, +v, ~v, abs(v), int(v), float(v), complex(v), round(V(2.567), 1))
print([0, 1, 2, 3, 4][V(2)], "abcdef"[V(1):V(4)], bin(V(5)), hex(V(255)), range(V(3)))
print(-(-v), - + - v, ~~v)
class Partial:
    def __neg__(self):
        return "neg only"
p = Partial()
print(-p)
for name, f in [("+", lambda: +p), ("~", lambda: ~p), ("abs", lambda: abs(p)), ("int", lambda: int(p)), ("float", lambda: float(p))]:
    try:
        f()
    except TypeError as e:
        print(name, type(e).__name__, e)
