# abc.ABC and abstractmethod.
import abc

class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self):
        ...
    @abc.abstractmethod
    def name(self):
        return "shape"
    def describe(self):
        return f"{self.name()} with area {self.area()}"

try:
    Shape()
except TypeError as e:
    print("TypeError:", e)

class Partial(Shape):
    def area(self):
        return 1
try:
    Partial()
except TypeError as e:
    print("TypeError:", e)

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
    def name(self):
        return "square/" + super().name()
print(Square(3).describe())
print(sorted(Shape.__abstractmethods__))
print(sorted(Partial.__abstractmethods__))
print(Square.__abstractmethods__)
print(isinstance(Square(1), Shape))

class WithProp(abc.ABC):
    @property
    @abc.abstractmethod
    def value(self):
        pass
class Impl(WithProp):
    @property
    def value(self):
        return "implemented"
print(Impl().value)
try:
    WithProp()
except TypeError as e:
    print("TypeError:", e)

class Meta(metaclass=abc.ABCMeta):
    @abc.abstractmethod
    def run(self):
        pass
    @classmethod
    @abc.abstractmethod
    def build(cls):
        pass
try:
    Meta()
except TypeError as e:
    print("TypeError:", e)
print(type(Meta).__name__)

class NoAbstract(abc.ABC):
    pass
print(type(NoAbstract()).__name__)

class Base(abc.ABC):
    @abc.abstractmethod
    def go(self):
        return "base go"
class Child(Base):
    def go(self):
        return "child>" + super().go()
print(Child().go())

class Sized(abc.ABC):
    pass
Sized.register(list)
print(issubclass(list, Sized), isinstance([], Sized), issubclass(tuple, Sized))
print(Sized.register(tuple) is tuple)

def plain(self):
    return 1
print(getattr(abc.abstractmethod(plain), "__isabstractmethod__", False))
