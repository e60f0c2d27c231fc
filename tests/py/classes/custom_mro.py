# A metaclass's own mro() decides __mro__, at class creation and whenever
# __bases__ is assigned; type.mro() is the C3 order of the current bases.


def names(cls):
    return [c.__name__ for c in cls.__mro__]


class Reversed(type):
    def mro(cls):
        order = type.mro(cls)
        order.reverse()
        return order


class P:
    def who(self):
        return "P"


class Q(P):
    def who(self):
        return "Q"


class R(Q, metaclass=Reversed):
    pass


print(names(R), R().who())
print([c.__name__ for c in type.mro(R)])


class Trace(type):
    calls = []

    def mro(cls):
        Trace.calls.append(cls.__name__)
        return super().mro()


class S(metaclass=Trace):
    pass


class T(S):
    pass


print(Trace.calls)


# What mro() returns is checked.
def attempt(body):
    class M(type):
        mro = body

    try:
        class X(metaclass=M):
            pass
    except TypeError as e:
        print("TypeError:", e)
    else:
        print("made", names(X))


attempt(lambda cls: [cls, 1])
attempt(lambda cls: 5)
attempt(lambda cls: (cls, int, object))
attempt(lambda cls: iter([cls, P, object]))


class Boom(Exception):
    pass


def raising(cls):
    raise Boom("no order")


try:
    class M2(type):
        mro = raising

    class Y(metaclass=M2):
        pass
except Boom as e:
    print("Boom:", e)


# Assigning __bases__ runs mro() for the class and its subclasses; when one
# fails, every MRO and the bases are put back.
class Once(type):
    ready = False

    def mro(cls):
        if Once.ready and cls.__name__ == "G":
            raise RuntimeError("refused")
        return type.mro(cls)


class A:
    pass


class A2:
    pass


class B(A):
    pass


class F(B):
    pass


class G(B, metaclass=Once):
    pass


before = (names(B), names(F), names(G))
Once.ready = True
try:
    B.__bases__ = (A2,)
except RuntimeError as e:
    print("RuntimeError:", e)
print((names(B), names(F), names(G)) == before, B.__bases__ == (A,))
print(A.__subclasses__() == [B], A2.__subclasses__())
Once.ready = False
B.__bases__ = (A2,)
print(names(F), names(G), A.__subclasses__(), A2.__subclasses__() == [B])

# Cycles are refused, through the MRO and through __base__.
try:
    A2.__bases__ = (F,)
except TypeError as e:
    print("TypeError:", e)

# type.mro() follows __bases__ at once, __mro__ once recomputed.
print(names(F), [c.__name__ for c in F.mro()])


# A metaclass that also derives from a plain class with instance dicts:
# its classes still have a read-only mapping as __dict__.
class Plain:
    pass


class Meta(Plain, type):
    pass


class K(metaclass=Meta):
    x = 1


print(type(K.__dict__).__name__, K.__dict__["x"])
for op in ("set", "del"):
    try:
        if op == "set":
            K.__dict__ = {}
        else:
            del K.__dict__
    except (AttributeError, TypeError) as e:
        print(op, type(e).__name__, e)
try:
    K.__dict__["y"] = 2
except TypeError as e:
    print("TypeError:", e)

import types


class Mod(Plain, types.ModuleType):
    pass


m = Mod("spam")
m.__dict__["eggs"] = 3
print(m.eggs, m.__dict__["__name__"])
try:
    m.__dict__ = {}
except AttributeError as e:
    print("AttributeError:", e)


# While mro() computes the first MRO, __mro__ reads None; a class that its
# own mro() leaves out is refused (super's check in __init_subclass__).
class Peek(type):
    def mro(cls):
        print("during mro():", cls.__mro__)
        return type.mro(cls)


class Z(metaclass=Peek):
    pass


print("after:", names(Z))


class Other:
    pass


class Drops(type):
    def mro(cls):
        return (Other, object)


try:
    class W(metaclass=Drops):
        pass
except TypeError as e:
    print("TypeError:", e)


# A class whose first MRO is still being computed cannot be extended.
class Extends(type):
    def mro(cls):
        if cls.__mro__ is None and cls.__name__ == "V":
            try:
                class Inner(cls):
                    pass
            except TypeError as e:
                print("TypeError:", e)
        return type.mro(cls)


class V(metaclass=Extends):
    pass


print(names(V))
