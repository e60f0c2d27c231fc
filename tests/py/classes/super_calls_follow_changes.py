# super().method() at one call site, for instances of several classes
# (a diamond), while methods are added, replaced and deleted along the MRO
# and a class's bases change.


class Base:
    def hello(self):
        return "Base"


class Left(Base):
    def hello(self):
        return "Left>" + super().hello()


class Right(Base):
    def hello(self):
        return "Right>" + super().hello()


class Bottom(Left, Right):
    def hello(self):
        return "Bottom>" + super().hello()


for obj in (Left(), Right(), Bottom(), Left(), Bottom()):
    print(type(obj).__name__, obj.hello())

b = Bottom()
Right.hello = lambda self: "Right replaced"
print(b.hello(), "|", Left().hello())
del Right.hello
print(b.hello())
Base.hello = lambda self: "Base replaced"
print(b.hello(), "|", Right().hello())


class Other:
    def hello(self):
        return "Other"


Left.__bases__ = (Other,)
print(Left().hello(), "|", Right().hello())


class WithAttr(Base):
    label = "class label"

    def get(self):
        return super().hello, super().__class__.__name__


m, n = WithAttr().get()
print(m(), n)


class Setup:
    def __init__(self, x):
        self.x = x


class Child(Setup):
    def __init__(self, x):
        super().__init__(x * 2)


print([Child(i).x for i in range(3)])


class Sm(Base):
    @staticmethod
    def hello():
        return "static"


class UsesSm(Sm):
    def hello(self):
        return "UsesSm>" + super().hello()


print(UsesSm().hello())


class Cm(Base):
    @classmethod
    def make(cls):
        return cls.__name__


class UsesCm(Cm):
    @classmethod
    def make(cls):
        return "UsesCm>" + super().make()


print(UsesCm.make(), UsesCm().make())
