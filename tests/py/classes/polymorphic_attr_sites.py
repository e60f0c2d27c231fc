# One attribute site reached by instances of many classes: loads, stores and
# method calls stay right as classes are patched, shadowed and deleted.


class Base:
    kind = "base"

    def __init__(self, n):
        self.n = n
        self.hits = 0

    def touch(self):
        self.hits = self.hits + self.step()
        return self.kind, self.n, self.hits

    def step(self):
        return 1


class A(Base):
    kind = "a"


class B(Base):
    def step(self):
        return 2


class C(Base):
    __slots__ = ("extra",)


class D(Base):
    @property
    def kind(self):
        return "d%d" % self.n


class E(Base):
    def __init__(self, n):
        self.hits = 100
        self.n = n


class F(A):
    kind = "f"


objs = [cls(i) for i, cls in enumerate([Base, A, B, C, D, E, F] * 3)]
for rnd in range(4):
    out = [o.touch() for o in objs]
    print(rnd, out[:7])
    print(rnd, sum(h for _, _, h in out))
    if rnd == 1:
        # Patch classes while their entries sit in a site's further slots.
        B.step = lambda self: 5
        F.kind = "f2"
        objs[1].kind = "shadowed"  # instance attribute shadows a class one
    if rnd == 2:
        del F.kind  # F falls back to A's
        A.step = lambda self: -1


# A site that reads attributes of classes and modules in turn.
import math, os


def class_attr(obj):
    return obj.kind


print([class_attr(c) for c in (Base, A, F, B, C, E)] * 2)
print([m.__name__ for m in (math, os, math, os)])


# Many more classes than a site keeps: every result still right.
classes = [type("K%d" % i, (Base,), {"kind": "k%d" % i}) for i in range(12)]
many = [k(i) for i, k in enumerate(classes)] * 3
print([o.touch()[0] for o in many][:14])
print(sum(o.touch()[2] for o in many))


# Stores through one site into __slots__ members and dicts.
class S1:
    __slots__ = ("v",)


class S2:
    __slots__ = ("w", "v")


class S3:
    pass


def setv(o, x):
    o.v = x
    return o.v


print([setv(o, i) for i, o in enumerate([S1(), S2(), S3(), S1(), S2(), S3()])])
try:
    setv(object(), 1)
except AttributeError as e:
    print("AttributeError:", e)


# A method whose class changes identity under the site (__class__ assignment).
class P:
    def who(self):
        return "P"


class Q:
    def who(self):
        return "Q"


p = P()
seen = []
for i in range(6):
    seen.append(p.who())
    p.__class__ = Q if p.__class__ is P else P
print(seen)
