# Bound and unbound methods, method objects.
class C:
    def __init__(self, n):
        self.n = n
    def get(self):
        return self.n
    def add(self, k):
        return self.n + k

c = C(5)
m = c.get
print(m(), m.__self__ is c, m.__func__ is C.get)
print(type(m).__name__, type(C.get).__name__)
print(C.get(c), C.add(c, 1))
print(m.__name__, m.__qualname__)
c.n = 9
print(m())
print(c.get == c.get, c.get is c.get)
print(C(1).get == C(1).get)
d = C(2)
print(c.get == d.get)

adders = [C(i).add for i in range(3)]
print([f(10) for f in adders])
print(list(map(C.get, [C(7), C(8)])))

try:
    C.get()
except TypeError as e:
    print("TypeError:", e)

class Other:
    n = "other n"
print(C.get(Other()))

bm = c.add
del c
print(bm(1))

class Stateful:
    def __init__(self):
        self.calls = 0
    def hit(self):
        self.calls += 1
        return self
s = Stateful()
s.hit().hit().hit()
print(s.calls)

class WithCall:
    def __call__(self):
        return "called"
    def meth(self):
        return self
w = WithCall()
print(w.meth()())

MethodType = type(s.hit)
bound = MethodType(lambda self, x: (type(self).__name__, x), s)
print(bound(3))

try:
    c2 = C(0)
    c2.get.extra = 1
except AttributeError as e:
    print("AttributeError:", e)
C.get.extra = "on function"
print(C(0).get.extra)

print(C.__dict__["get"] is C.get)
print(hasattr(C(0).get, "__func__"), hasattr(C.get, "__func__"))

class Prop:
    @property
    def x(self):
        return self.helper
    def helper(self):
        return "h"
print(Prop().x())

print([1, 2].append.__self__, "ab".upper.__name__)
print(type([].append).__name__)
print(str.upper("x"), str.upper.__qualname__)
