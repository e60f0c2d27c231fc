# Class machinery edges: unbound super as a class attribute, super through
# a proxy, __new__ returning a subclass instance, slot layout by sorted
# name for __class__ assignment, read-only class attributes of slotted
# instances, __qualname__ in __slots__, super() argument checks.


class autosuper(type):
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        setattr(cls, "_%s__super" % name.lstrip("_"), super(cls))


class A(metaclass=autosuper):
    def meth(self):
        return "A"


class B(A):
    def meth(self):
        return "B" + self.__super.meth()


class C(A):
    def meth(self):
        return "C" + self.__super.meth()


class D(C, B):
    def meth(self):
        return "D" + self.__super.meth()

print(D().meth(), type(D.__dict__["_D__super"]).__name__)
print(D._D__super is D.__dict__["_D__super"])


class Proxy:
    def __init__(self, obj):
        self.__obj = obj

    def __getattribute__(self, name):
        if name.startswith("_Proxy__"):
            return object.__getattribute__(self, name)
        return getattr(self.__obj, name)


class Base:
    def f(self):
        return "Base.f"


class Derived(Base):
    def f(self):
        return super(Derived, self).f() + "->Derived.f"

print(Derived.__dict__["f"](Proxy(Derived())))

for args in ((int, int, int), (1, int)):
    try:
        super(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    super(int, x=1)
except TypeError as e:
    print("TypeError:", e)


class Maker:
    def __new__(cls, arg):
        if isinstance(arg, str):
            return [1, 2]
        if isinstance(arg, int):
            return object.__new__(Made)
        return object.__new__(cls)


class Made(Maker):
    def __init__(self, arg):
        self.foo = arg

print(Maker("s"), Maker(1).foo, type(Maker(1)).__name__, Made(None).foo)


class G:
    __slots__ = ["a", "b"]


class H:
    __slots__ = ["b", "a"]


class J:
    __slots__ = ["c", "b"]

x = G()
x.a, x.b = 1, 2
x.__class__ = H
print(type(x).__name__, x.a, x.b)
x.__class__ = G
print(type(x).__name__, x.a, x.b)
try:
    x.__class__ = J
except TypeError as e:
    print("TypeError:", e)
print([k for k in H.__dict__ if k in ("a", "b")])


class RO:
    y = 0
    __slots__ = ("z",)

for action in ("del y", "set y", "del x", "set x", "get z", "del z"):
    try:
        if action == "del y":
            del RO().y
        elif action == "set y":
            RO().y = 1
        elif action == "del x":
            del RO().x
        elif action == "set x":
            RO().x = 1
        elif action == "get z":
            RO().z
        else:
            del RO().z
    except AttributeError as e:
        print(action, "AttributeError:", e)


class Meta(type):
    def __new__(mcls, name, bases, ns, attr):
        print(attr, "in namespace:", attr in ns)
        return super().__new__(mcls, name, bases, ns)


class Q(metaclass=Meta, attr="__qualname__"):
    __slots__ = ["__qualname__"]

print(Q.__qualname__.rsplit(".", 1)[-1], type(Q.__dict__["__qualname__"]).__name__)
q = Q()
q.__qualname__ = "inst"
print(q.__qualname__)
try:
    class Bad:
        x = 1
        __slots__ = ["x"]
except ValueError as e:
    print("ValueError:", e)

try:
    Exception().__traceback__ = 5
except TypeError as e:
    print("TypeError:", e)
try:
    del Exception().__traceback__
except TypeError as e:
    print("TypeError:", e)
try:
    SyntaxError("bad", ("f.py", 1, 2, "text", 1))
except TypeError as e:
    print("TypeError:", e)
print(SyntaxError("bad", ("f.py", 1, 2, "text", 1, 3)).end_offset)
