# Subclasses of frozendict: instances are frozendicts, have a __dict__,
# __slots__, __init__ and __missing__ work, repr uses the subclass name,
# copy() and frozendict(sub) give exact frozendicts, fromkeys calls cls.
try:
    frozendict
except NameError:
    from _fdref import frozendict


def show(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


class FD(frozendict):
    pass


class Named(frozendict):
    def __init__(self, *args, tag="none", **kw):
        self.tag = tag


class Slotted(frozendict):
    __slots__ = ("label",)


class Defaulting(frozendict):
    def __missing__(self, key):
        return "missing:" + str(key)


f = FD(a=1, b=2)
print(f, type(f).__name__, isinstance(f, frozendict), isinstance(f, dict))
print([c.__name__ for c in FD.__mro__])
f.note = "attr"
print(f.note, f.__dict__, f == frozendict(a=1, b=2), hash(f) == hash(frozendict(a=1, b=2)))
print(FD(), FD(f) is f, type(FD(f)).__name__, frozendict(f) is f, type(frozendict(f)).__name__)
c = f.copy()
print(c, type(c).__name__, c is f)
print(type(f | {"c": 3}).__name__, f | {"c": 3})
print(type({"x": 0} | f).__name__)
print(FD.fromkeys("ab", 0), type(FD.fromkeys("ab")).__name__)
n = Named({"k": 1}, tag="t")
print(n, n.tag)
s = Slotted(a=1)
s.label = "L"
print(s, s.label)
show("s.other = 1", lambda: setattr(s, "other", 1))
d = Defaulting(a=1)
print(d["a"], d["zz"], d.get("zz"), "zz" in d)
show("frozendict(a=1)['zz']", lambda: frozendict(a=1)["zz"])
print(FD[int, str])


class Clever(frozendict):
    def __repr__(self):
        return "Clever<" + super().__repr__() + ">"

    def keys(self):
        return ["only"]


cl = Clever(only=1, other=2)
print(cl, dict(cl), len(cl))
