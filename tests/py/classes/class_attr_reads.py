# Reading class attributes through instances, repeatedly (the interpreter
# caches plain class values per instruction): shadowing by the instance,
# class changes, deletion, descriptors, inheritance and __slots__.


class Plain:
    fee = 3
    name = "plain"
    items = (1, 2)
    kind = None


class Holder:
    pass


class Desc:
    def __get__(self, obj, owner=None):
        return "desc:" + type(obj).__name__


class Late:
    pass


class C(Plain):
    d = Desc()
    late = Late()
    cls_ref = Holder

    def meth(self):
        return "meth"

    @property
    def prop(self):
        return "prop"


def read_all(o):
    return (o.fee, o.name, o.items, o.kind, o.d, o.cls_ref.__name__, o.meth(), o.prop)


def loop(o, n):
    out = []
    for _ in range(n):
        out.append(o.fee)
    return out


c = C()
for _ in range(3):
    print(read_all(c))
print(loop(c, 3))

c.fee = "instance fee"
print(loop(c, 2), loop(C(), 2))
del c.fee
print(loop(c, 2))

C.fee = 10
print(loop(c, 2))
Plain.fee = 20
print(loop(c, 2), C.fee)
del C.fee
print(loop(c, 2))
del Plain.fee
try:
    loop(c, 1)
except AttributeError as e:
    print("AttributeError:", e)
Plain.fee = 7
print(loop(c, 2))

print(type(c.late).__name__)
Late.__get__ = lambda self, obj, owner=None: "late descriptor"
print(c.late, c.late)


class S:
    __slots__ = ("x",)
    limit = 99

    def __init__(self):
        self.x = 1


s = S()
print([s.limit for _ in range(3)], s.x)
try:
    s.limit = 5
except AttributeError as e:
    print("AttributeError:", e)


class G:
    v = 1

    def __getattribute__(self, name):
        if name == "v":
            return "intercepted"
        return object.__getattribute__(self, name)


g = G()
print([g.v for _ in range(2)])


class Base:
    shared = "base"


class Derived(Base):
    pass


objs = [Base(), Derived(), Base(), Derived()]
print([o.shared for o in objs])
Derived.shared = "derived"
print([o.shared for o in objs])
print(Derived().__doc__, [C().__module__ for _ in range(2)])
