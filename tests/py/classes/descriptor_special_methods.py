# Special methods defined as staticmethod or classmethod objects are bound by
# their descriptor before the call, as for a normal attribute lookup.
class S:
    __getitem__ = staticmethod(lambda k: k * 2)
    @staticmethod
    def __neg__():
        return 'neg'
    @classmethod
    def __pos__(cls):
        return ('pos', cls.__name__)
    __len__ = staticmethod(lambda: 3)
    __call__ = staticmethod(lambda *a: a)
    __iter__ = staticmethod(lambda: iter([1, 2]))
print(S()[21], -S(), +S(), len(S()), S()(1, 2), list(S()))
class C:
    __getitem__ = classmethod(lambda cls, k: (cls.__name__, k))
    __add__ = staticmethod(lambda o: ('add', o))
    __eq__ = staticmethod(lambda o: 'eq')
    __hash__ = staticmethod(lambda: 5)
    __repr__ = staticmethod(lambda: 'C!')
    __bool__ = staticmethod(lambda: False)
print(C()[3], C() + 1, C() == 2, hash(C()), repr(C()), bool(C()))


class Number:
    @staticmethod
    def __neg__():
        return "minus one"

    @staticmethod
    def __abs__():
        return 1

    @classmethod
    def __invert__(cls):
        return cls.__name__


class One(Number):
    pass


print(-One(), abs(One()), ~One())
