# obj.__class__ read many times from one site (the attribute cache), with
# every way the answer can change.
class A:
    pass

class B:
    pass

def classes(objs):
    return [o.__class__.__name__ for o in objs]

a, b = A(), B()
print(classes([a, b, a, 1, "s", [], None, A]))

# the instance dict cannot shadow the data descriptor
a.__dict__["__class__"] = "shadow"
print(classes([a, a]), a.__dict__)

# assignment switches the class
c = A()
for i in range(3):
    print(c.__class__.__name__, end=" ")
    c.__class__ = B if c.__class__ is A else A
print()

# a class that overrides __class__ (a property, then a plain attribute)
class Fake:
    @property
    def __class__(self):
        return int

class Plain:
    __class__ = "plain attribute"

f = Fake()
print(classes([f, f]), type(f).__name__, isinstance(f, int))
print([o.__class__ for o in (Plain(), Plain())])

# assigning to a class's __class__ targets its metaclass, not its dict
class Late:
    pass

late = Late()
print(classes([late]))
try:
    Late.__class__ = property(lambda self: float)
except TypeError as e:
    print("TypeError", e)
print(classes([late]), type(late).__name__)

# subclasses and slots
class S:
    __slots__ = ("x",)

class T(S):
    pass

print(classes([S(), T(), S()]))
try:
    del a.__class__
except TypeError as e:
    print("TypeError", e)
try:
    a.__class__ = 5
except TypeError as e:
    print("TypeError", e)
