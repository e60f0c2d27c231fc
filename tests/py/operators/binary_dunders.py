# every binary arithmetic dunder and its reflected form
class N:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"N({self.v})"
ops = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor", "lshift", "rshift"]
def make(name):
    def fwd(self, other):
        return f"{self!r}.__{name}__({other!r})"
    def rev(self, other):
        return f"{self!r}.__r{name}__({other!r})"
    return fwd, rev
for name in ops:
    fwd, rev = make(name)
    setattr(N, f"__{name}__", fwd)
    setattr(N, f"__r{name}__", rev)
a = N(1)
print(a + 2, 2 + a)
print(a - 2, 2 - a)
print(a * 2, 2 * a)
print(a / 2, 2 / a)
print(a // 2, 2 // a)
print(a % 2, 2 % a)
print(a ** 2, 2 ** a)
print(a @ 2, 2 @ a)
print(a & 2, 2 & a)
print(a | 2, 2 | a)
print(a ^ 2, 2 ^ a)
print(a << 2, 2 << a)
print(a >> 2, 2 >> a)
print(a + N(2), divmod(7, 2))
