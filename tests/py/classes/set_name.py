# __set_name__ is called at class creation.
class Field:
    def __set_name__(self, owner, name):
        print(f"  set_name {owner.__name__}.{name}")
        self.owner = owner.__name__
        self.name = name
    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, f"<{self.name} unset>")
    def __set__(self, obj, v):
        obj.__dict__[self.name] = v

print("defining Model")
class Model:
    first = Field()
    second = Field()
    plain = 5
print("defined")
m = Model()
print(m.first, m.second)
m.first = "one"
print(m.first)
print(Model.first.owner, Model.second.name)

shared = Field()
class Twice:
    a = shared
    b = shared
print(shared.name)

class Later:
    pass
f = Field()
Later.added = f
print(hasattr(f, "name"))
f.__set_name__(Later, "manual")
print(f.name)

class Outer:
    def __set_name__(self, owner, name):
        print("  outer set_name", name)
print("type() creation")
T = type("T", (), {"x": Outer(), "y": Outer()})

class Raising:
    def __set_name__(self, owner, name):
        raise ValueError("bad name " + name)
try:
    class Fails:
        r = Raising()
except Exception as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__ if e.__cause__ else None)

class NotCalled:
    def __set_name__(self, owner, name):
        print("  should not be called for instance attrs")
class Holder:
    def __init__(self):
        self.inst = NotCalled()
Holder()
print("done")

class InOrder:
    def __init__(self, tag):
        self.tag = tag
    def __set_name__(self, owner, name):
        print("  order", self.tag, name)
class Ordered:
    z = InOrder(1)
    a = InOrder(2)
    m = InOrder(3)
