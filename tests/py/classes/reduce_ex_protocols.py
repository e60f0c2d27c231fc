# object.__reduce_ex__ for protocols 2 and up (reconstructor, arguments,
# state, list items, dict items), the builtin __reduce__ of set, frozenset,
# range and slice, and the errors for bad __getnewargs_ex__ results.
import copyreg


def show(label, r):
    if isinstance(r, tuple):
        r = tuple(list(x) if type(x).__name__.endswith("iterator") else x for x in r)
        r = tuple(getattr(x, "__name__", x) if callable(x) and not isinstance(x, type) else x
                  for x in r)
    print(label, r)


class Plain:
    pass


p = Plain()
p.a = 1
show("plain", p.__reduce_ex__(2))
show("empty", Plain().__reduce_ex__(4))


class Slotted:
    __slots__ = ("x", "__y")

    def __init__(self):
        self.x = 1
        self.__y = 2


show("slots", Slotted().__reduce_ex__(2))


class MyList(list):
    pass


ml = MyList([1, 2])
ml.tag = "t"
show("list sub", ml.__reduce_ex__(2))


class MyDict(dict):
    pass


show("dict sub", MyDict(a=1).__reduce_ex__(3))


class MyInt(int):
    pass


show("int sub", MyInt(7).__reduce_ex__(2))


class WithEx:
    def __init__(self, *args, **kw):
        self.args = args

    def __getnewargs_ex__(self):
        return (1, 2), {"k": 3}


r = WithEx().__reduce_ex__(2)
show("newargs_ex", r)
print(r[0] is copyreg.__newobj_ex__)


class WithExNoKw(WithEx):
    def __getnewargs_ex__(self):
        return (5,), {}


r = WithExNoKw().__reduce_ex__(2)
print(r[0] is copyreg.__newobj__, r[1][1:])


class WithNew:
    def __getnewargs__(self):
        return ("a", "b")


show("newargs", WithNew().__reduce_ex__(4))


class State:
    def __getstate__(self):
        return {"custom": True}


show("getstate", State().__reduce_ex__(2))

for v in (set([3]), frozenset([4]), range(1, 9, 2), slice(1, None, 2)):
    show(type(v).__name__, v.__reduce__())
    show(type(v).__name__ + " ex", v.__reduce_ex__(4))


class S(set):
    pass


s = S([1])
s.extra = 1
show("set sub", s.__reduce__())
show("None", None.__reduce_ex__(2))

bad = [
    lambda: [1],
    lambda: (1, 2, 3),
    lambda: ([1], {}),
    lambda: ((), [1]),
]
for f in bad:
    class B:
        __getnewargs_ex__ = lambda self, f=f: f()
    try:
        B().__reduce_ex__(2)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


class BadNew:
    def __getnewargs__(self):
        return [1]


try:
    BadNew().__reduce_ex__(2)
except TypeError as e:
    print("TypeError", e)


try:
    (i for i in ()).__reduce_ex__(2)
except TypeError as e:
    print("TypeError", e)
