# bless-with: python3.12
# PEP 695 annotation scopes inside class bodies see the class namespace
# (CPython 3.12's __classdict__): type aliases, type parameters' bounds,
# generic methods' annotations and generic nested classes' bases.

A = "global A"
G = "global G"


class C:
    A = int
    type Alias = list[A]
    type UsesGlobal = dict[str, G]

    def f[T](self, x: A) -> T:
        return x

    def g[T: A, *Ts, **P](self) -> tuple[T, A]:
        return None

    class Inner[V](list[A]):
        pass


print(C.Alias.__value__)
print(C.UsesGlobal.__value__)
print(C.f.__annotations__)
T = C.g.__type_params__[0]
print(T.__bound__, C.g.__annotations__["return"])
print(C.Inner.__orig_bases__ if hasattr(C.Inner, "__orig_bases__") else C.Inner.__bases__)
print("__classdict__" in C.__dict__, "__classdictcell__" in C.__dict__)


class Late:
    B = "before"
    type Lazy = B


Late.B = "after"
print(Late.Lazy.__value__)


def outer():
    X = "outer X"
    Y = "outer Y"

    class D:
        X = "class X"
        type AX = X
        type AY = Y

        def m[T](self, a: X, b: Y) -> T:
            pass

    return D


D = outer()
print(D.AX.__value__, D.AY.__value__)
print(D.m.__annotations__)


class E:
    type Missing = Nowhere


try:
    E.Missing.__value__
except NameError as e:
    print("NameError:", e)


class F:
    def method(self):
        return __class__

    type Self = F

    def h[T](self) -> T:
        pass


print(F().method() is F, F.Self.__value__ is F, F.h.__type_params__)


class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return {"Injected": "from prepare"}


class M(metaclass=Meta):
    type Alias = Injected


print(M.Alias.__value__)
