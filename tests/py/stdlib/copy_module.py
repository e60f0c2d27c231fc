# copy.copy and copy.deepcopy: builtins, identity of atomic values, shared and
# cyclic references, custom hooks, state protocol, slots, builtin subclasses.
import copy
from collections import deque

a = [1, [2, 3], {"k": [4]}]
s = copy.copy(a)
d = copy.deepcopy(a)
print(s == a, s is a, s[1] is a[1], d == a, d[1] is a[1], d[2]["k"] is a[2]["k"])
for v in (1, 2.5, "x", b"y", None, True, (1, 2), frozenset({1}), range(3), len, copy.copy, int):
    print(type(v).__name__, copy.copy(v) is v, copy.deepcopy(v) is v)
t = (1, [2])
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy(t) == t)
print(copy.deepcopy((1, "a", (2,))) == (1, "a", (2,)))
shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is not cyc)
dd = {"self": None}
dd["self"] = dd
print(copy.deepcopy(dd)["self"]["self"] is not dd)
print(copy.copy({1, 2}), copy.copy(bytearray(b"ab")), copy.deepcopy({"a": {1, 2}}))


class P:
    def __init__(self, x):
        print("init", x)
        self.x = x
        self.items = [x]


p = P(5)
q = copy.copy(p)
r = copy.deepcopy(p)
print(type(q).__name__, q.x, q.items is p.items, r.items is p.items, r.items == p.items)


class Hooks:
    def __init__(self):
        self.v = [1]

    def __copy__(self):
        print("__copy__")
        return "shallow"

    def __deepcopy__(self, memo):
        print("__deepcopy__", type(memo).__name__)
        return "deep"


print(copy.copy(Hooks()), copy.deepcopy([Hooks()]))


class State:
    def __init__(self):
        self.a = 1
        self.b = [2]

    def __getstate__(self):
        print("getstate")
        return {"a": self.a * 10, "b": self.b}

    def __setstate__(self, st):
        print("setstate", st["a"])
        self.__dict__.update(st)


s2 = copy.deepcopy(State())
print(s2.a, s2.b)


class Slotted:
    __slots__ = ("x", "__y")

    def __init__(self):
        self.x = [1]
        self.__y = 2

    def y(self):
        return self.__y


c = copy.deepcopy(Slotted())
print(c.x, c.y())
part = Slotted.__new__(Slotted)
part.x = 3
print(copy.copy(part).x, hasattr(copy.copy(part), "_Slotted__y"))


class MyList(list):
    pass


class MyDict(dict):
    pass


ml = MyList([1, [2]])
ml.tag = "t"
cl = copy.copy(ml)
dl = copy.deepcopy(ml)
print(type(cl).__name__, cl, cl.tag, cl[1] is ml[1], dl[1] is ml[1])
md = MyDict(a=[1])
md.note = 7
cm = copy.deepcopy(md)
print(type(cm).__name__, cm, cm.note, cm["a"] is md["a"])


class MyInt(int):
    pass


mi = MyInt(7)
mi.extra = "e"
ci = copy.copy(mi)
print(type(ci).__name__, ci, ci.extra, ci == mi)
dq = deque([1, [2]], maxlen=5)
cq = copy.copy(dq)
print(cq, cq[1] is dq[1], copy.deepcopy(dq)[1] is dq[1])
print(issubclass(copy.Error, Exception), copy.error is copy.Error)
memo = {}
x = [1]
y1 = copy.deepcopy(x, memo)
y2 = copy.deepcopy(x, memo)
print(y1 is y2, id(x) in memo)
