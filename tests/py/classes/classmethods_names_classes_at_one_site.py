# One call site or attribute read, many receivers and changes:
# classmethods and staticmethods called on the class (replaced, re-
# initialised, inherited by a subclass), __name__/__qualname__ of classes
# of several metatypes (renamed, a metatype that redefines __name__), and
# __class__ of str/list subclass instances (reassigned).


class Strength:
    @classmethod
    def stronger(cls, a, b):
        return "%s.stronger(%r, %r)" % (cls.__name__, a, b)

    @staticmethod
    def helper(x):
        return "helper %r" % x


class Sub(Strength):
    pass


def call_stronger(k):
    return k.stronger(1, 2)


def call_helper(k):
    return k.helper(3)


def get_stronger(k):
    return k.stronger


print([call_stronger(k) for k in (Strength, Sub, Strength)])
print(call_helper(Strength), call_helper(Sub))
m = get_stronger(Sub)
print(type(m).__name__, m.__self__.__name__, m(5, 6))
Strength.__dict__["stronger"].__init__(lambda cls, a, b: "re-initialised for " + cls.__name__)
print(call_stronger(Strength), call_stronger(Sub))
Strength.__dict__["helper"].__init__(lambda x: "new helper %r" % x)
print(call_helper(Strength))
Sub.stronger = classmethod(lambda cls, a, b: "Sub's own")
print(call_stronger(Sub), call_stronger(Strength))
Strength.stronger = staticmethod(lambda a, b: "now static %r" % (a + b))
print(call_stronger(Strength))
Strength.stronger = classmethod(len)
try:
    call_stronger(Strength)
except TypeError as e:
    print("TypeError:", e)


def name_of(k):
    return k.__name__, k.__qualname__


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    class Inner:
        pass


print([name_of(k) for k in (Strength, int, WithMeta, WithMeta.Inner, Meta, type)])
WithMeta.__name__ = "Renamed"
WithMeta.__qualname__ = "Outer.Renamed"
print(name_of(WithMeta))


class NamingMeta(type):
    @property
    def __name__(cls):
        return "meta says " + type.__dict__["__name__"].__get__(cls)


class Named(metaclass=NamingMeta):
    pass


print(name_of(Named), name_of(WithMeta), name_of(Strength), NamingMeta.__name__)


class S(str):
    pass


class L(list):
    pass


def class_of(x):
    return x.__class__


s = S("x")
print([class_of(x).__name__ for x in (s, L(), "y", [], s)])


class S2(str):
    pass


s.__class__ = S2
print(class_of(s).__name__)


class S3(str):
    __class__ = property(lambda self: int)


print([class_of(x).__name__ for x in (S3("z"), s, S3("w"))])
