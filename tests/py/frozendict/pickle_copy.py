# frozendict: pickling with every protocol, copy.copy (the same object for an
# exact frozendict), copy.deepcopy (a new equal one), subclass state, and
# repr forms including recursion through a mutable value.
try:
    frozendict
except NameError:
    from _fdref import frozendict
import copy
import pickle


class FD(frozendict):
    pass


fd = frozendict(a=1, b=[1, 2], c=frozendict(x="y"))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    r = pickle.loads(pickle.dumps(fd, proto))
    print(proto, r == fd, type(r).__name__, list(r), r["b"] is not fd["b"], r)
sub = FD(k=1)
sub.attr = "state"
for proto in (0, 2, 5):
    r = pickle.loads(pickle.dumps(sub, proto))
    print(proto, type(r).__name__, r == sub, r.attr)


class Slotted(frozendict):
    __slots__ = ("label",)


sl = Slotted(q=1)
sl.label = "L"
for proto in (0, 2, 5):
    r = pickle.loads(pickle.dumps(sl, proto))
    print(proto, type(r).__name__, r == sl, r.label)
print(copy.copy(sl).label, copy.deepcopy(sl).label)
print(copy.copy(fd) is fd, copy.deepcopy(fd) is fd, copy.deepcopy(fd) == fd)
deep = copy.deepcopy(fd)
print(deep["b"] is fd["b"], deep["b"] == fd["b"], list(deep))
shallow = copy.copy(sub)
print(type(shallow).__name__, shallow == sub, shallow is sub, shallow.attr)
dsub = copy.deepcopy(sub)
print(type(dsub).__name__, dsub == sub, dsub.attr)
nested = [fd, fd]
cn = copy.deepcopy(nested)
print(cn[0] is cn[1], cn[0] == fd)
print(pickle.loads(pickle.dumps(frozendict(), 2)), pickle.loads(pickle.dumps([fd, fd]))[1] == fd)

# repr.
print(repr(frozendict()), repr(FD()), repr(frozendict(a="x")), repr(FD(a=(1,))))
print(str(frozendict({1: None})), "%r" % frozendict(z=0))
box = []
rec = frozendict(self=box)
box.append(rec)
print(rec)
print(repr(frozendict(inner=frozendict(a=frozendict()))))
