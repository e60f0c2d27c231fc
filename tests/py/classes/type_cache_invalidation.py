# Special-method lookups on a type must see every change made to the class,
# its bases or its MRO, in this thread and in others.
import threading


class CM:
    def __enter__(self):
        return "enter-1"

    def __exit__(self, *exc):
        return False


for round_ in range(3):
    with CM() as v:
        print("with", round_, v)

CM.__enter__ = lambda self: "enter-2"
with CM() as v:
    print("after rebinding __enter__:", v)

del CM.__exit__
try:
    with CM() as v:
        print("unreachable", v)
except TypeError as e:
    print("TypeError:", e)

CM.__exit__ = lambda self, *a: True
with CM() as v:
    raise ValueError("swallowed by the new __exit__")
print("exception swallowed:", v)


class Base:
    def __len__(self):
        return 1

    def __add__(self, other):
        return "Base.__add__"


class Child(Base):
    pass


c = Child()
print([len(c) for _ in range(3)], c + 1)
Child.__len__ = lambda self: 2
print("child override:", len(c), len(Base()))
del Child.__len__
print("override removed:", len(c))
Base.__len__ = lambda self: 3
print("base changed:", len(c))


class Other:
    def __len__(self):
        return 40

    def __add__(self, other):
        return "Other.__add__"


Child.__bases__ = (Other,)
print("new bases:", len(c), c + 1)


# A dunder first looked up as missing, then added.
class Late:
    pass


late = Late()
for _ in range(3):
    try:
        late + 1
    except TypeError as e:
        print("TypeError:", e)
Late.__add__ = lambda self, o: ("late add", o)
print(late + 5)
try:
    iter(late)
except TypeError as e:
    print("TypeError:", e)
Late.__iter__ = lambda self: iter([1, 2])
print(list(late))


# __class__ assignment switches the type the lookups start from.
class A:
    def __repr__(self):
        return "<A>"


class B:
    def __repr__(self):
        return "<B>"


x = A()
print(repr(x), repr(x))
x.__class__ = B
print(repr(x))

# type.__setattr__ and setattr() reach the same dict.
type.__setattr__(A, "__repr__", lambda self: "<A2>")
print(repr(A()))
setattr(A, "__len__", lambda self: 7)
print(len(A()))
try:
    object.__setattr__(A, "__len__", lambda self: 8)
except TypeError as e:
    print("TypeError:", e)
print(len(A()))


# Another thread sees a change made after its own lookups were cached.
class Shared:
    def __len__(self):
        return 1


s = Shared()
seen = []
changed = threading.Event()
first_done = threading.Event()


def reader():
    seen.append(sum(len(s) for _ in range(1000)))
    first_done.set()
    changed.wait()
    seen.append(sum(len(s) for _ in range(1000)))


t = threading.Thread(target=reader)
t.start()
first_done.wait()
Shared.__len__ = lambda self: 2
changed.set()
t.join()
print("reader saw:", seen)


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


for target, meth in ((A, object.__delattr__), (WithMeta, object.__setattr__)):
    try:
        if meth is object.__delattr__:
            meth(target, "__len__")
        else:
            meth(target, "x", 1)
    except TypeError as e:
        print("TypeError:", e)
print(len(A()), hasattr(WithMeta, "x"))

try:
    type.__setattr__(1, "x", 2)
except TypeError as e:
    print("TypeError:", e)


class Logged(type):
    def __setattr__(cls, name, value):
        print("Logged.__setattr__", name)
        super().__setattr__(name, value)


class UsesLogged(metaclass=Logged):
    def __len__(self):
        return 5


u = UsesLogged()
print(len(u))
UsesLogged.__len__ = lambda self: 6
print(len(u))
try:
    type.__setattr__(int, "__len__", lambda self: 0)
except TypeError as e:
    print("TypeError:", e)
