# Reading an attribute of a class (not of an instance) at one site again
# and again sees every change: the class's own dict, a base's dict, new
# bases, a function, staticmethod, classmethod and property, metaclass
# properties (also one added later), and the site reading different
# classes.


class Base:
    X = "base X"

    def f(self):
        return "Base.f"


class C(Base):
    Y = 1


def read_x(cls):
    return cls.X


def read_y(cls):
    return cls.Y


def call_f(cls):
    return cls.f(None)


print([read_x(C) for _ in range(3)], read_y(C), call_f(C))
C.X = "own X"
print(read_x(C))
del C.X
print(read_x(C))
Base.X = "new base X"
print(read_x(C))
Base.f = lambda self: "new Base.f"
print(call_f(C))
C.f = staticmethod(lambda self: "static f")
print(call_f(C))
C.f = classmethod(lambda cls, self: "class f of " + cls.__name__)
print(call_f(C))
C.Y = property(lambda self: "prop")
print(type(read_y(C)).__name__)
del C.Y
try:
    read_y(C)
except AttributeError as e:
    print("AttributeError:", e)


class Other:
    X = "other X"


C.__bases__ = (Other,)
print(read_x(C))
print([read_x(k) for k in (C, Base, Other, C)])


# type's own attributes are not class attributes.
class D:
    __doc__ = "D's doc"


def read_name(cls):
    return cls.__name__


print([read_name(k) for k in (C, D, int)], D.__doc__)
D.__name__ = "Renamed"
print(read_name(D))


class Meta(type):
    @property
    def X(cls):
        return "meta property"


class E(metaclass=Meta):
    X = "E's own X"


print(read_x(E))


class Meta2(type):
    pass


class F(metaclass=Meta2):
    X = "F X"


print(read_x(F))
Meta2.X = property(lambda cls: "meta2 property, added later")
print(read_x(F))
print(read_x(int) if hasattr(int, "X") else "int has no X")


# A class's metatype swapped for one whose property hides the class's own
# attribute, and back.
class PlainMeta(type):
    pass


class HidingMeta(type):
    @property
    def X(cls):
        return "hidden by " + type(cls).__name__


class G(metaclass=PlainMeta):
    X = "G's own X"


print(read_x(G))
G.__class__ = HidingMeta
print(read_x(G))
G.__class__ = PlainMeta
print(read_x(G))
