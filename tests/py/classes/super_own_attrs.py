# A super object's own attributes: __class__ is the super's class (a
# subclass of super keeps its own), an unbound super proxies nothing, and
# a missing name is reported against the super's type.


class Shape:
    def describe(self):
        return "shape"

    @classmethod
    def kind(cls):
        return cls.__name__


class Square(Shape):
    def describe(self):
        return "square/" + super().describe()


class tracing_super(super):
    pass


class Tile(Square):
    def describe(self):
        s = self.__up
        return "tile[" + type(s).__name__ + "," + s.__class__.__name__ + "]/" + s.describe()


Tile._Tile__up = tracing_super(Tile)
print(Tile().describe())

bound = super(Square, Square())
print(bound.__class__.__name__, bound.describe(), bound.kind())
print(super(Square, Square).kind(), bound.__thisclass__.__name__, bound.__self_class__.__name__)

unbound = super(Square)
print(unbound.__thisclass__.__name__, unbound.__self__, unbound.__self_class__)
for target in (unbound, bound, tracing_super(Square, Square())):
    try:
        target.describe_more
    except AttributeError as e:
        print(type(e).__name__, e)
try:
    unbound.describe
except AttributeError as e:
    print(type(e).__name__, e)
