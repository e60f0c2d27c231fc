# Inline caches (LOAD_GLOBAL / LOAD_ATTR / STORE_ATTR / LOAD_METHOD) must see
# every change: class mutation, shadowing, polymorphic sites, rebinding and
# deletion of globals and builtins, and the arithmetic fast paths' edges.
class A:
    def __init__(self):
        self.x = 1
        self.y = 2

    def m(self):
        return self.x


class B:
    def __init__(self):
        self.y = 3
        self.x = 4

    def m(self):
        return self.y * 10


class C(A):
    z = 5

    def m(self):
        return self.z


def work(objs, k):
    s = 0
    for i in range(200):
        o = objs[(i + k) % len(objs)]
        s += o.x + o.y + o.m()
        o.x = o.x
    return s


objs = [A(), B(), C(), A()]
print(work(objs, 1))
C.m = lambda self: 99
print(work(objs, 0))


def getx(self):
    return 7


A.x = property(getx)
try:
    print(work(objs, 0))
except AttributeError as e:
    print("AttributeError", type(e).__name__)
print(objs[0].x, objs[1].x, objs[2].x)
del A.x
print(work(objs, 0))
objs[0].m = lambda: 1000
print(work(objs, 0))
del objs[0].m
print(work(objs, 0))


def uses_len():
    return len([1, 2])


print(uses_len())
len = lambda x: 42
print(uses_len())
del len
print(uses_len())
g = 5


def h():
    return g


print(h())
g = 6
print(h())
del g
try:
    h()
except NameError as e:
    print(e)
for i in range(3):
    globals()["g%d" % i] = i
g = "back"
print(h())


class D:
    __slots__ = ("a",)

    def __init__(self):
        self.a = 1


d = D()
for i in range(3):
    d.a += i
print(d.a)


class E:
    def __setattr__(self, k, v):
        object.__setattr__(self, k, v * 2)


def setx(o):
    o.x = 5
    return o.x


print(setx(A()), setx(E()), setx(A()))

# Arithmetic fast paths at their edges.
big = 2**60 - 1
print(big + 1, -big - 2, big * 3, (-7) // 2, (-7) % 2, 7 // -2, 7 % -2, -7 % -2)
print(1 << 62, -1 >> 3, 5 & -2, 5 | 8, 5 ^ 1, 10 / 4, 1 / 3, 2**53 + 1 / 1)
print(1.5 + 2, 2 - 0.5, 0.1 * 3, 1e300 * 1e300, 7.0 / 2, 1e-320 / 10)
for a, b in [(1, 0), (1.0, 0), (1, 0.0)]:
    for op in ("/", "//", "%"):
        try:
            print(eval("a %s b" % op))
        except ZeroDivisionError as e:
            print(op, e)
print(1 < 2.5, 2.5 < 1, 0.5 <= 0.5, 3.0 == 3, float("nan") < 1.0)
x = 0
for i in range(-5, 5, 3):
    x = x * 10 + i
print(x)
