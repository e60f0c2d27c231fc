# isinstance(x, T) where the answer is not type(x)'s MRO alone: a __class__
# that differs from the type, __getattribute__, weak proxies, ABCs, a
# metaclass with or without __instancecheck__, a custom mro(), tuples; and a
# local function named isinstance. Each in a loop, as the interpreter's fast
# path sees them.
import abc
import collections.abc
import weakref


class Base:
    pass


class Sub(Base):
    pass


class Pretender:
    @property
    def __class__(self):
        return Sub


class Sneaky:
    def __getattribute__(self, name):
        if name == "__class__":
            return Base
        return object.__getattribute__(self, name)


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


class Checking(type):
    def __instancecheck__(cls, obj):
        return obj == 42


class Anything(metaclass=Checking):
    pass


class Reordered(type):
    def mro(cls):
        return [cls, Base, object]


class Odd(metaclass=Reordered):
    pass


class Shaped(abc.ABC):
    pass


Shaped.register(int)

cases = [
    ("Sub/Base", Sub(), Base),
    ("Base/Sub", Base(), Sub),
    ("Pretender/Sub", Pretender(), Sub),
    ("Pretender/Base", Pretender(), Base),
    ("Pretender/Pretender", Pretender(), Pretender),
    ("Sneaky/Base", Sneaky(), Base),
    ("Sneaky/Sub", Sneaky(), Sub),
    ("WithMeta/WithMeta", WithMeta(), WithMeta),
    ("Base/WithMeta", Base(), WithMeta),
    ("42/Anything", 42, Anything),
    ("41/Anything", 41, Anything),
    ("Odd/Base", Odd(), Base),
    ("3/Shaped", 3, Shaped),
    ("3.0/Shaped", 3.0, Shaped),
    ("list/Sequence", [], collections.abc.Sequence),
    ("True/int", True, int),
    ("None/object", None, object),
    ("int/type", int, type),
    ("Meta-class/type", WithMeta, type),
    ("Sub/tuple", Sub(), (int, Base)),
    ("3/tuple", 3, (str, (bytes, int))),
    ("slice", slice(1), slice),
]
b = Base()
p = weakref.proxy(b)
cases += [("proxy/Base", p, Base), ("proxy/ProxyType", p, weakref.ProxyType)]

for name, x, t in cases:
    results = set()
    for _ in range(3):
        results.add(isinstance(x, t))
    print(name, sorted(results))

try:
    isinstance(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    isinstance(1)
except TypeError as e:
    print("TypeError", e)


def shadowed():
    def isinstance(a, b):
        return "local"

    return [isinstance(1, int) for _ in range(2)]


print(shadowed())

# A class that gains __getattribute__ later.
class Late:
    pass


lt = Late()
print([isinstance(lt, Base) for _ in range(2)])
Late.__getattribute__ = lambda self, n: Base if n == "__class__" else object.__getattribute__(self, n)
print([isinstance(lt, Base) for _ in range(2)], isinstance(lt, Late))
del Late.__getattribute__
print([isinstance(lt, Base) for _ in range(2)])
