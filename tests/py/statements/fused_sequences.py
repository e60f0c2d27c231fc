# Instruction sequences the interpreter runs fused (augmented attribute
# assignment, `expr OP const`, `expr OP local`, `return local`,
# `return a OP b`): results, fallbacks to the general path, and errors with
# their tracebacks' line numbers.


class P:
    def __init__(self):
        self.n = 1
        self.f = 0.5
        self.s = "a"


class RO:
    __slots__ = ("x",)

    def __init__(self):
        self.x = 3

    @property
    def ro(self):
        return 7


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return Num(self.v + (o.v if isinstance(o, Num) else o))

    __radd__ = __add__

    def __mul__(self, o):
        return Num(self.v * (o.v if isinstance(o, Num) else o))

    __rmul__ = __mul__

    def __repr__(self):
        return f"Num({self.v})"


def aug_attrs():
    p = P()
    p.n += 1
    p.n *= 10
    p.f += 1
    p.s += "b"
    p.s *= 2
    r = RO()
    r.x -= 1
    r.x **= 3
    print(p.n, p.f, p.s, r.x)
    big = P()
    big.n = 2 ** 62
    big.n += 2 ** 62
    big.n -= 1
    print(big.n)


def const_ops(x):
    a = (x + 1) * 3 - 2
    b = (x * 1.5) / 2
    c = (x // 3) % 4
    d = (x << 2) | 1
    e = (x ** 2) ** 2
    f = ("s" * 1) + "t"
    g = ([1] * 1) + [2]
    return a, b, c, d, e, f, g


def float_const_ops(x):
    return (x + 1) * 3 - 2, (x * 1.5) / 2, x % 0.75, -x - 0.0


def local_ops(x, y):
    a = x * 2 + y
    b = x * 2 - y
    c = (x + y) // y
    d = (x - 1) % y
    return a, b, c, d


def ret_local(x):
    y = x * 2
    return y


def ret_binop(a, b):
    return a + b


def ret_binop_general(a, b):
    return a * b


def errors():
    p = P()
    try:
        p.missing += 1
    except AttributeError as e:
        print("AttributeError:", e)
    r = RO()
    try:
        r.ro += 1
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        p.s += 1
    except TypeError as e:
        print("TypeError:", e)
    try:
        p.n = None
        p.n += 1
    except TypeError as e:
        print("TypeError:", e)
    try:
        x = "a"
        print(x - 1)
    except TypeError as e:
        print("TypeError:", e)
    try:
        z = 0
        print(10 // z)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        print(ret_binop(1, "a"))
    except TypeError as e:
        print("TypeError:", e)


aug_attrs()
for v in (0, 5, -7, 2 ** 40):
    print(const_ops(v))
print(float_const_ops(2.5), float_const_ops(-0.0))
print(local_ops(7, 3), local_ops(-7, 3), local_ops(2.0, 4))
print(ret_local(21), ret_local("ab"), ret_local([0]))
print(ret_binop(2, 3), ret_binop("a", "b"), ret_binop(Num(1), 2), ret_binop(1, Num(2)))
print(ret_binop(2 ** 62, 2 ** 62), ret_binop_general(3, Num(4)), ret_binop_general(2 ** 40, 2 ** 40))
errors()


def deep(n):
    if n == 0:
        return 0
    return deep(n - 1) + 1


print(deep(50))
q = P()
q.n += "x"
