class D(dict):
    def get(self, k, d=None):
        return ("mine", super().get(k, d))
    def keys2(self):
        m = super().keys
        return type(m).__name__, sorted(m())
class E(D):
    def get(self, k, d=None):
        return ("E", super().get(k, d), super(D, self).get(k, d))
d = D(a=1)
for i in range(3):
    print(d.get("a"), d.get("b", 2), d.keys2())
e = E(x=5)
for i in range(3):
    print(e.get("x"), e.get("y", 0))
class L(list):
    def append(self, v):
        super().append(v * 2)
l = L()
for i in range(3): l.append(i)
print(l)
D.get2 = D.get
class F(D):
    pass
print(F(q=1).get("q"))
# the cache follows a redefinition of the method
def g(self, k, d=None): return "patched"
D.get = g
print(E(x=1).get("x"))
class N:
    def __repr__(self):
        return "N:" + super().__repr__()[:9]
print(repr(N()))
