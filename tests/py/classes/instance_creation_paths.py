# Creating instances repeatedly: __init__ with positional, keyword, *args and
# **kwargs arguments, __init__ / __new__ replaced on the class between calls,
# __init__ returning a value, first attribute stores racing a property added
# later, and recursion through constructors.


class P:
    def __init__(self, a, b=2, *rest, c=3, **kw):
        self.a = a
        self.b = b
        self.rest = rest
        self.c = c
        self.kw = kw

    def __repr__(self):
        return f"P({self.a}, {self.b}, {self.rest}, {self.c}, {sorted(self.kw.items())})"


for args, kwargs in [((1,), {}), ((1, 5), {}), ((1, 5, 6, 7, 8), {"c": 9}),
                     ((), {"a": 0, "z": 1}), ((1,), {"b": 4, "y": 2, "c": 0})]:
    print(P(*args, **kwargs))
print([P(i, c=i).c for i in range(4)])


class Q:
    def __init__(self, x):
        self.x = x


qs = [Q(i) for i in range(3)]
Q.__init__ = lambda self, x: setattr(self, "x", x * 10)
print([q.x for q in qs], [Q(i).x for i in range(3)])
del Q.__init__
try:
    Q(1)
except TypeError as e:
    print("TypeError:", e)
print(type(Q()).__name__)


class R:
    def __init__(self):
        return 5


for _ in range(2):
    try:
        R()
    except TypeError as e:
        print("TypeError:", e)


class S:
    def __new__(cls, v):
        if v < 0:
            return "negative"
        return super().__new__(cls)

    def __init__(self, v):
        self.v = v


print([S(v) if v < 0 else S(v).v for v in (-1, 2, -3, 4)])


class T:
    def __init__(self, v):
        self.v = v


ts = [T(i) for i in range(3)]
T.v = property(lambda self: "property wins")
try:
    T(9)
except AttributeError as e:
    print("AttributeError:", e)
print([t.v for t in ts])


class Tree:
    count = 0

    def __init__(self, depth):
        Tree.count += 1
        self.kids = [Tree(depth - 1) for _ in range(2)] if depth else []


Tree(6)
print(Tree.count)


class Many:
    def __init__(self, a, b, c, d, e, f):
        self.t = (a, b, c, d, e, f)


print([Many(i, 1, 2, 3, 4, 5).t[0] for i in range(3)], Many(*"abcdef").t)
