# Class attributes of every kind read through instances, at a warm site
# (the same LOAD_ATTR runs many times): plain values stay as they are,
# descriptors are bound or called each time.
class Base:
    plain = 7
    text = "t"
    items = (1, 2)

    def meth(self):
        return "meth"

    @staticmethod
    def st():
        return "static"

    @classmethod
    def cm(cls):
        return cls.__name__

    @property
    def prop(self):
        return "prop:" + type(self).__name__

    builtin_plain = len


class Sub(Base):
    __slots__ = ()


class WithSlots:
    __slots__ = ("a",)

    def __init__(self):
        self.a = 5


def get(o, name):
    return getattr(o, name)


def attr_plain(o):
    return o.plain


def attr_sizeof(o):
    return o.__sizeof__


def attr_meth(o):
    return o.meth


def attr_st(o):
    return o.st


def attr_cm(o):
    return o.cm


def attr_prop(o):
    return o.prop


def attr_builtin(o):
    return o.builtin_plain


def attr_slot(o):
    return o.a


for i in range(3):
    b = Base() if i % 2 == 0 else Sub()
    m = attr_sizeof(b)
    print(type(m).__name__, m.__self__ is b, attr_plain(b), attr_meth(b)(), attr_st(b)(), attr_cm(b)(), attr_prop(b))
    print(attr_builtin(b)("abc"), attr_meth(b).__self__ is b, attr_slot(WithSlots()))

b = Base()
b.plain = "shadow"
print(attr_plain(b), attr_plain(Base()))
Base.plain = 8
print(attr_plain(Base()), attr_plain(Sub()))
del Base.plain
try:
    attr_plain(Base())
except AttributeError as e:
    print("AttributeError:", e)
print([get(Base(), n) for n in ("text", "items")])
