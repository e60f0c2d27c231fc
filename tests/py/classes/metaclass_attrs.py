# Attribute lookup on classes involving metaclasses.
class Meta(type):
    greeting = "meta greeting"
    shared = "from meta"
    @property
    def meta_prop(cls):
        return "meta property on " + cls.__name__
    def describe(cls):
        return f"{cls.__name__} described by metaclass"

class Base(metaclass=Meta):
    shared = "from class"

print(Base.greeting)
print(Base.shared)
print(Base.meta_prop)
print(Base.describe())
b = Base()
for name in ["greeting", "meta_prop", "describe"]:
    try:
        getattr(b, name)
    except AttributeError as e:
        print("AttributeError:", e)
print(b.shared)

class DataDesc:
    def __get__(self, obj, objtype=None):
        return "data descriptor on metaclass"
    def __set__(self, obj, value):
        raise AttributeError("read-only via metaclass")
class Meta2(type):
    attr = DataDesc()
class C(metaclass=Meta2):
    attr = "class dict value"
print(C.attr)
print(C.__dict__["attr"])
try:
    C.attr = 5
except AttributeError as e:
    print("AttributeError:", e)

class Counted(type):
    def __call__(cls, *a, **k):
        cls.instances = getattr(cls, "instances", 0) + 1
        return super().__call__(*a, **k)
class Widget(metaclass=Counted):
    pass
Widget(); Widget(); Widget()
print(Widget.instances)

class Registry(type):
    classes = []
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Registry.classes.append(name)
class A(metaclass=Registry): pass
class B(A): pass
class D(B): pass
print(Registry.classes)
print(type(D).__name__)

class ReprMeta(type):
    def __repr__(cls):
        return f"<class {cls.__name__} via ReprMeta>"
    def __str__(cls):
        return f"{cls.__name__}!"
class R(metaclass=ReprMeta):
    pass
print(repr(R), str(R), [R])

print(type.__name__, type(type).__name__, Meta.__class__.__name__)
print(isinstance(Base, type), isinstance(Base, Meta), issubclass(Meta, type))
print(Meta.__instancecheck__(Meta, Base))

class ClassGetattr(type):
    def __getattr__(cls, name):
        return f"dynamic class attribute {name}"
class Dyn(metaclass=ClassGetattr):
    real = 1
print(Dyn.real, Dyn.anything)
try:
    Dyn().anything
except AttributeError as e:
    print("AttributeError:", e)
