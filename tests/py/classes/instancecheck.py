# isinstance/issubclass with __instancecheck__ and __subclasscheck__.
class EvenMeta(type):
    def __instancecheck__(cls, obj):
        print("  __instancecheck__", obj)
        return isinstance(obj, int) and obj % 2 == 0
    def __subclasscheck__(cls, sub):
        print("  __subclasscheck__", sub.__name__)
        return sub in (int, bool)

class Even(metaclass=EvenMeta):
    pass

print(isinstance(4, Even))
print(isinstance(3, Even))
print(isinstance("x", Even))
print(issubclass(int, Even), issubclass(str, Even))
print(isinstance(4, (str, Even)))
e = Even()
print(isinstance(e, Even))

print(isinstance(True, int), isinstance(1, bool), issubclass(bool, int))
print(isinstance(1, (str, (float, int))))
print(isinstance([], ()))
try:
    isinstance(1, 1)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(1, int)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(int, "int")
except TypeError as e:
    print("TypeError:", e)

class Duck:
    @classmethod
    def __subclasshook__(cls, C):
        return NotImplemented
print(issubclass(int, Duck))

import abc
class Quacker(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if any("quack" in B.__dict__ for B in C.__mro__):
            return True
        return NotImplemented
class Mallard:
    def quack(self):
        return "quack"
class Rock:
    pass
print(issubclass(Mallard, Quacker), isinstance(Mallard(), Quacker))
print(issubclass(Rock, Quacker), isinstance(Rock(), Quacker))

class Registered(abc.ABC):
    pass
Registered.register(str)
print(isinstance("s", Registered), issubclass(str, Registered), isinstance(1, Registered))

class AllowAll(type):
    def __instancecheck__(cls, obj):
        return True
class Anything(metaclass=AllowAll):
    pass
print(isinstance(None, Anything), isinstance(object(), Anything))

class Truthy(type):
    def __instancecheck__(cls, obj):
        return "non-empty"
class T(metaclass=Truthy):
    pass
print(isinstance(1, T))

class Fake:
    @property
    def __class__(self):
        return int
f = Fake()
print(isinstance(f, int), type(f).__name__, isinstance(f, Fake))
