# object.__class__ (a getset descriptor), object.__reduce__ /
# __reduce_ex__ defaults (through copyreg), type's read-only members and
# type[...] without type.__class_getitem__.
import copyreg


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, type(r).__name__, repr(r))
    except Exception as e:
        print(label, "raised", type(e).__name__, e)


class A:
    pass


class B:
    pass


class S:
    __slots__ = ("x",)


# __class__
cd = object.__dict__["__class__"]
print(repr(cd), type(cd).__name__)
a = A()
print(a.__class__ is A, cd.__get__(a, A) is A, cd.__get__(None, A) is cd)
print((5).__class__, "s".__class__, None.__class__, A.__class__, type.__class__)
a.__class__ = B
print(type(a).__name__, a.__class__.__name__)
cd.__set__(a, A)
print(type(a).__name__)
a.__dict__["__class__"] = "shadow"
print(a.__class__ is A)
for bad in (5, int):
    try:
        a.__class__ = bad
    except TypeError as e:
        print("TypeError", e)
try:
    (1).__class__ = bool
except TypeError as e:
    print("TypeError", e)
try:
    del a.__class__
except TypeError as e:
    print("TypeError", e)


class M(type):
    pass


try:
    A.__class__ = M
except TypeError as e:
    print("TypeError", e)
print(type(A).__name__)


class P:
    @property
    def __class__(self):
        return int


print(P().__class__, type(P()).__name__, isinstance(P(), int))

# __reduce__ and __reduce_ex__
a = A()
r = a.__reduce__()
print(r[0] is copyreg._reconstructor, r[1], len(r))
a.x = 1
a.y = [2]
r = a.__reduce__()
print(r[0].__name__, r[1], r[2], r[2] is a.__dict__)
r = a.__reduce_ex__(1)
print(r[0] is copyreg._reconstructor, r[1:])
r = a.__reduce_ex__(2)
print(r[0] is copyreg.__newobj__, r[1:])
r = object().__reduce_ex__(4)
print(r[0].__name__, r[1:])
show("object().__reduce__", lambda: object().__reduce__()[1:])


class L(list):
    pass


lst = L([1, 2])
lst.tag = "t"
r = lst.__reduce__()
print(r[0].__name__, r[1], r[2])
r = lst.__reduce_ex__(2)
print(r[0].__name__, r[1], r[2], list(r[3]), r[4])
r = {"k": 1}.__reduce_ex__(2)
print(r[0].__name__, r[1], r[2], r[3], list(r[4]))
print(r[0](dict) == {})
show("int reduce", (5).__reduce__)
show("S reduce", S().__reduce__)
s = S()
s.x = 3
show("S reduce_ex 2", lambda: s.__reduce_ex__(2)[1:])
show("reduce args", a.__reduce__, 1)
show("reduce_ex bad", a.__reduce_ex__, "x")


class R:
    def __reduce__(self):
        return "custom"


print(R().__reduce_ex__(2), R().__reduce_ex__(0))


class NA:
    def __getnewargs__(self):
        return (1, 2)


r = NA().__reduce_ex__(2)
print(r[0].__name__, r[1][1:], r[2])
rebuilt = copyreg._reconstructor(A, object, None)
print(type(rebuilt).__name__)
print(copyreg.__newobj__(A).__class__.__name__)

# type's members and type[...]
print(repr(type.__dict__["__mro__"]), repr(type.__dict__["__base__"]))
print(type(type.__dict__["__flags__"]).__name__, repr(type.__dict__["__text_signature__"]))
print(A.__mro__, type.__mro__, A.__base__, object.__base__, bool.__base__)
print(type.__dict__["__mro__"].__get__(A) == A.__mro__)
print(bool(A.__flags__ & (1 << 9)), bool(int.__flags__ & (1 << 9)), bool(A.__flags__ & (1 << 12)))
print(bool(int.__flags__ & (1 << 24)), bool(bool.__flags__ & (1 << 24)), bool(dict.__flags__ & (1 << 29)))
print(bool(type.__flags__ & (1 << 31)), bool(M.__flags__ & (1 << 31)), bool(ValueError.__flags__ & (1 << 30)))
print(type(A.__basicsize__).__name__, type(int.__itemsize__).__name__, type(A.__dictoffset__).__name__)
print(A.__text_signature__, type.__text_signature__)
for name in ("__mro__", "__base__", "__flags__", "__basicsize__"):
    try:
        setattr(A, name, 1)
    except AttributeError as e:
        print(name, "AttributeError", e)
print(A.__mro__)
print(type[int], type[int].__origin__, list[int])
print("__class_getitem__" in dir(type), hasattr(type, "__class_getitem__"))
try:
    M[int]
except TypeError as e:
    print("TypeError", e)
try:
    A[int]
except TypeError as e:
    print("TypeError", e)
print(sorted(n for n in ("__mro__", "__base__", "__flags__", "__basicsize__", "__itemsize__",
                         "__dictoffset__", "__weakrefoffset__", "__text_signature__", "__class__",
                         "__reduce__") if n in dir(type)))
print("__reduce__" in object.__dict__, "__class__" in object.__dict__)

# type's getsets: __name__, __qualname__, __bases__, __module__, __dict__,
# __abstractmethods__, __annotations__
for n in ("__name__", "__qualname__", "__bases__", "__module__", "__dict__",
          "__abstractmethods__", "__annotations__"):
    d = type.__dict__[n]
    print(n, repr(d), type(d).__name__, n in dir(type))
print(type.__name__, type.__qualname__, type.__module__, type.__bases__, int.__module__)


class Outer:
    class Inner:
        pass


I = Outer.Inner
print(I.__name__, I.__qualname__, I.__module__, I.__bases__, type(I.__dict__).__name__)
print(type.__dict__["__name__"].__get__(I), type.__dict__["__qualname__"].__get__(int))
I.__name__ = "Renamed"
I.__qualname__ = "Outer.Renamed"
I.__module__ = "elsewhere"
print(I.__name__, I.__qualname__, I.__module__, I)
type.__dict__["__name__"].__set__(I, "ViaSet")
print(I.__name__)
for name, value in (("__name__", 5), ("__qualname__", None), ("__bases__", 3), ("__dict__", {})):
    try:
        setattr(I, name, value)
    except (TypeError, AttributeError) as e:
        print(name, type(e).__name__, e)
for name in ("__name__", "__qualname__", "__module__", "__bases__"):
    try:
        delattr(I, name)
    except (TypeError, AttributeError) as e:
        print("del", name, type(e).__name__, e)
    try:
        setattr(int, name, "x")
    except (TypeError, AttributeError) as e:
        print("int", name, type(e).__name__, e)


class Base1:
    def who(self):
        return "Base1"


class Base2:
    def who(self):
        return "Base2"


class Kid(Base1):
    pass


Kid.__bases__ = (Base2,)
print(Kid().who(), Kid.__mro__)


class WithName:
    __module__ = "custom.mod"


print(WithName.__module__, WithName().__module__)

# __abstractmethods__
try:
    type.__abstractmethods__
except AttributeError as e:
    print("AttributeError", e)
print(hasattr(A, "__abstractmethods__"), hasattr(int, "__abstractmethods__"))


class Abs:
    def f(self):
        pass


Abs.__abstractmethods__ = frozenset({"f", "g"})
print(sorted(Abs.__abstractmethods__), bool(Abs.__flags__ & (1 << 20)))
try:
    Abs()
except TypeError as e:
    print("TypeError", e)
Abs.__abstractmethods__ = ()
print(type(Abs()).__name__, bool(Abs.__flags__ & (1 << 20)))
del Abs.__abstractmethods__
print(hasattr(Abs, "__abstractmethods__"))
try:
    del Abs.__abstractmethods__
except AttributeError as e:
    print("AttributeError", e)
import abc


class AB(abc.ABC):
    @abc.abstractmethod
    def m(self):
        pass


class Concrete(AB):
    def m(self):
        return 1


print(sorted(AB.__abstractmethods__), sorted(Concrete.__abstractmethods__), Concrete().m())
try:
    AB()
except TypeError as e:
    print("TypeError", e)

# __annotations__
class Ann:
    x: int
    y: "str" = "s"


class NoAnn(Ann):
    pass


print(Ann.__annotations__, NoAnn.__annotations__, "__annotations__" in NoAnn.__dict__)
try:
    int.__annotations__
except AttributeError as e:
    print("AttributeError", e)
try:
    int.__annotations__ = {}
except TypeError as e:
    print("TypeError", e)
NoAnn.__annotations__ = {"z": float}
print(NoAnn.__annotations__)
del NoAnn.__annotations__
print("__annotations__" in NoAnn.__dict__)
try:
    del NoAnn.__annotations__
except AttributeError as e:
    print("AttributeError", e)
print(NoAnn.__annotations__)
print(M.__name__, M.__module__, M.__bases__, M.__mro__)
print(A.__dict__["__module__"], type.__dict__["__dict__"].__get__(A)["__module__"])
