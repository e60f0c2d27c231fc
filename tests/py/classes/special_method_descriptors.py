# Special methods that are descriptors (a property, an object with
# __get__): bound through __get__; a comparison treats a failing __get__
# as a missing method.
import sys


def refuse(self):
    raise AttributeError("refused")


class EqProp:
    __eq__ = property(refuse)


a = EqProp()
print(a == a, a == EqProp(), a != EqProp())


class InitProp:
    __init__ = property(refuse)


try:
    InitProp()
except AttributeError as e:
    print(type(e).__name__, e)


class Binder:
    def __init__(self, impl):
        self.impl = impl

    def __get__(self, obj, owner):
        print("bind", type(obj).__name__)
        return self.impl.__get__(obj, owner)


def setup(self, value, *, scale=1):
    self.value = value * scale


class Built:
    __init__ = Binder(setup)


b = Built(4, scale=3)
print(b.value)


class LenProp:
    __len__ = property(lambda self: lambda: 7)


print(len(LenProp()))

try:
    raise ValueError("x")
except ValueError:
    tb = sys.exc_info()[2]
try:
    del tb.tb_next
except TypeError as e:
    print(type(e).__name__, e)
