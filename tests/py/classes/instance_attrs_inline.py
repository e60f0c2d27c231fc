# Attributes of plain instances across the sizes and changes that move
# them between inline storage and a dict: order, deletion, __dict__ access
# and replacement, names made at run time, descriptors added later.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def show(o):
    print(sorted(vars(o).items()), list(vars(o)))


p = P(1, 2)
print(p.x, p.y, list(vars(p)))

# The same changes made before anything asks for the dict.
o = P(1, 2)
o.x = 10
del o.x
print(hasattr(o, "x"), o.y, getattr(o, "x", "gone"))
o.x = 11
o.q = 1
print(o.x, o.q, list(vars(o)))
o = P(1, 2)
for i in range(6):
    setattr(o, "n%d" % i, i)
print(o.n0, o.n5, o.x, sum(getattr(o, "n%d" % i) for i in range(6)))
del o.n0
print(hasattr(o, "n0"), list(vars(o)))

# Growing past one cell's room, then past every inline limit.
for n in (3, 4, 5, 12, 13, 28, 29, 40):
    o = P(0, 0)
    for i in range(n):
        setattr(o, "a%d" % i, i * i)
    print(n, len(vars(o)), o.a0, getattr(o, "a%d" % (n - 1)), list(vars(o))[:4])

# Insertion order survives the move to a dict.
o = P(1, 2)
o.c = 3
o.b = 4
o.a = 5
print(list(o.__dict__))
o.zz = 6
print(list(o.__dict__), o.zz)

# Replacing a value keeps its place; deleting and adding again moves it.
o = P(1, 2)
o.x = 10
print(list(vars(o)), o.x)
del o.x
print(list(vars(o)), hasattr(o, "x"))
o.x = 11
print(list(vars(o)), o.x)
try:
    del o.nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    o.nope
except AttributeError as e:
    print("AttributeError:", e)

# The dict seen through __dict__ is the instance's attributes.
o = P(1, 2)
d = o.__dict__
d["k"] = 7
o.m = 8
print(o.k, d["m"], d is o.__dict__, sorted(d))
o.__dict__ = {"w": 1}
print(o.w, hasattr(o, "x"), list(vars(o)))
try:
    o.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)

# Names made at run time, and str subclasses as names.
o = P(1, 2)
name = "".join(["dy", "n"])
setattr(o, name, 1)
print(o.dyn, getattr(o, "d" + "yn"), hasattr(o, "dy" + "n"))


class S(str):
    pass


setattr(o, S("sub"), 2)
print(o.sub, getattr(o, S("sub")), "sub" in vars(o))
try:
    setattr(o, 5, 1)
except TypeError as e:
    print("TypeError:", e)

# Instance attributes shadow methods and plain class attributes; a data
# descriptor added to the class later wins over an existing attribute.


class Q:
    k = "class"

    def m(self):
        return "method"


q = Q()
print(q.k, q.m())
q.k = "inst"
q.m = lambda: "inst-m"
print(q.k, q.m(), Q.k)
del q.m
print(q.m())
q.v = "plain"
Q.v = property(lambda self: "property")
print(q.v, vars(q)["v"])
del Q.v
print(q.v)

# Instances of one class built in different orders.


class R:
    pass


r1, r2 = R(), R()
r1.a, r1.b = 1, 2
r2.b, r2.a = 3, 4
for r in (r1, r2, r1, r2):
    print(r.a, r.b)
print(list(vars(r1)), list(vars(r2)))

# __class__ assignment between classes whose instances differ.


class A1:
    def __init__(self):
        self.a = 1
        self.b = 2

    def who(self):
        return "A1", self.a


class A2:
    def __init__(self):
        self.z = 0

    def who(self):
        return "A2", self.a, getattr(self, "z", None)


a = A1()
a.__class__ = A2
print(a.who(), list(vars(a)))
a.z = 9
print(a.who())

# Subclasses, __init__ chains, and class attribute defaults.


class Base:
    size = 0

    def __init__(self):
        self.name = "base"


class Child(Base):
    def __init__(self):
        super().__init__()
        self.extra = [1]
        self.size += 1


c = Child()
print(c.name, c.extra, c.size, Child.size, list(vars(c)))

# copy, pickle and dataclasses see the same attributes.
import copy
import dataclasses
import pickle

o = P(1, [2])
o.more = "x"
o2 = copy.copy(o)
o3 = copy.deepcopy(o)
o4 = pickle.loads(pickle.dumps(o))
for x in (o2, o3, o4):
    print(type(x).__name__, vars(x), x.y is o.y)


@dataclasses.dataclass
class DC:
    a: int
    b: str = "b"


dc = DC(1)
print(dc, dataclasses.asdict(dc), dc == DC(1, "b"))
dc.c = 3
print(vars(dc))

# Classes whose instances have no dict stay as they were.


class Slotted:
    __slots__ = ("a",)


s = Slotted()
s.a = 1
try:
    s.b = 2
except AttributeError as e:
    print("AttributeError:", e)
print(s.a, hasattr(s, "__dict__"))

# Many instances, many attributes each, read back.
objs = []
for i in range(2000):
    o = P(i, -i)
    if i % 3 == 0:
        o.t = i * 2
    objs.append(o)
print(sum(o.x for o in objs), sum(o.y for o in objs), sum(getattr(o, "t", 0) for o in objs))
