# Single inheritance, overriding, attribute lookup through bases.
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def describe(self):
        return f"{self.name} is a {self.kind}: {self.speak()}"

class Dog(Animal):
    kind = "dog"
    def speak(self):
        return self.name + " barks"

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return Dog.speak(self) + " softly"

a, d, p = Animal("Generic"), Dog("Rex"), Puppy("Bit", 1)
for x in (a, d, p):
    print(x.describe())
print(p.kind, p.age, p.name)
print(Puppy.__bases__)
print(Dog.__bases__, Animal.__bases__)
print(Puppy.__mro__)
print(isinstance(p, Animal), isinstance(a, Dog), issubclass(Puppy, Animal))
print(issubclass(Animal, Animal), issubclass(Animal, object))
print(type(p).__name__, type(p) is Puppy, type(p) is Dog)

Dog.kind = "canine"
print(p.kind, d.kind, a.kind)
p.kind = "own"
print(p.kind, Puppy.kind)
del p.kind
print(p.kind)

class Base:
    def template(self):
        return "[" + self.hook() + "]"
    def hook(self):
        return "base"
class Derived(Base):
    def hook(self):
        return "derived"
print(Base().template(), Derived().template())

class NoInit(Animal):
    pass
n = NoInit("inherited init")
print(n.name, n.speak())
try:
    NoInit()
except TypeError as e:
    print("TypeError:", e)

print(Animal.__subclasses__())
print(Dog.__subclasses__())
print(Animal.__name__, Puppy.__qualname__, Puppy.__module__)

class Empty:
    pass
print(Empty.__bases__, Empty.__mro__)
print(object.__bases__, object.__mro__)
