# super() with and without arguments.
class Base:
    def hello(self):
        return "Base.hello(" + type(self).__name__ + ")"
    @classmethod
    def make(cls):
        return "Base.make for " + cls.__name__
    @staticmethod
    def st():
        return "Base.st"
    value = "base value"

class Mid(Base):
    def hello(self):
        return "Mid>" + super().hello()
    @classmethod
    def make(cls):
        return "Mid>" + super().make()

class Leaf(Mid):
    def hello(self):
        return "Leaf>" + super(Leaf, self).hello()
    def skip(self):
        return super(Mid, self).hello()
    def st_via_super(self):
        return super().st()
    def attr(self):
        return super().value

leaf = Leaf()
print(leaf.hello())
print(leaf.skip())
print(Leaf.make())
print(leaf.st_via_super())
print(leaf.attr())
print(super(Leaf, leaf).hello())
print(super(Mid, Leaf).make())
print(super(Leaf, Leaf).make())

s = super(Leaf, leaf)
print(type(s).__name__)
print(s.__thisclass__.__name__, type(s.__self__).__name__, s.__self_class__.__name__)

try:
    super(Leaf, 5)
except TypeError as e:
    print("TypeError:", e)

def outside():
    return super().hello()
try:
    outside()
except RuntimeError as e:
    print("RuntimeError:", e)

class NoMethod(Base):
    def call(self):
        return super().missing()
try:
    NoMethod().call()
except AttributeError as e:
    print("AttributeError:", e)

class InitChain(Base):
    def __init__(self, v):
        super().__init__()
        self.v = v
print(InitChain(3).v)

class WithNew(Base):
    def __new__(cls, *a):
        inst = super().__new__(cls)
        inst.created = a
        return inst
print(WithNew(1, 2).created)

class Prop(Base):
    @property
    def p(self):
        return "prop>" + super().hello()
print(Prop().p)

class InLambda(Base):
    def get(self):
        return [super().hello() for _ in range(2)]
try:
    print(InLambda().get())
except TypeError as e:
    print("TypeError:", e)

class Unbound(Base):
    def go(self):
        return super(Unbound, self).hello.__name__
print(Unbound().go())
print(super(Base, Base()).__str__ is not None)
