# Attributes read from a class whose metatype `type` has the same name
# (`__repr__`, `__call__`, `__init__`, `mro`, `__subclasses__`, `__doc__`,
# `__name__`): the class's own MRO wins over type's plain methods, type's
# data descriptors win over the class, and reads at one site follow later
# changes to the class and its bases.


class A:
    pass


class B(A):
    def __repr__(self):
        return "B()"


def names(c):
    r = c.__repr__
    return (
        getattr(r, "__qualname__", r),
        c.__init__ is object.__init__,
        c.__call__.__name__,
        c.__subclasses__() if c in (A, B) else None,
        c.mro(),
        c.__name__,
        c.__doc__ if c in (A, B) else None,
    )


for c in (int, A, B, dict):
    print(names(c))

site = lambda c: c.__repr__
print(site(A) is object.__repr__, site(B) is B.__dict__["__repr__"], site(int) is int.__repr__)
A.__repr__ = lambda self: "A!"
print(site(A)(A()), site(B)(B()), repr(A()))
del A.__repr__
print(site(A) is object.__repr__, repr(A())[:11])
B.__repr__ = lambda self: "B!"
print(site(B)(B()))
del B.__repr__
print(site(B) is object.__repr__)
A.__repr__ = lambda self: "via A"
print(site(B)(B()))


class Meta(type):
    def __repr__(cls):
        return "<Meta class %s>" % cls.__name__


class C(metaclass=Meta):
    pass


class D(metaclass=Meta):
    def __repr__(self):
        return "D()"


print(repr(C), repr(D), repr(D()), site(C)(C())[:10], site(D)(D()))
Meta.__repr__ = lambda cls: "changed"
print(repr(C), site(C)(C())[:10])
A.mro = lambda: ["own mro"]
print(A.mro(), B.mro()[:2])
