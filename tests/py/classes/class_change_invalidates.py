# A change to a class is seen at once by every cached lookup that depends on
# it: through subclasses (single and diamond inheritance), after __bases__
# assignment, after deletion, for constructors, slots and class attributes,
# also when another thread makes the change.
import threading


class Base:
    def who(self):
        return "base"

    greeting = "hello"


class Mid(Base):
    pass


class Leaf(Mid):
    pass


def call_who(o):
    return o.who()


def read_greeting(o):
    return o.greeting


leaf = Leaf()
for _ in range(3):
    print(call_who(leaf), read_greeting(leaf))
Base.who = lambda self: "patched base"
Base.greeting = "hi"
print(call_who(leaf), read_greeting(leaf))
Mid.who = lambda self: "mid"
print(call_who(leaf), call_who(Mid()), call_who(Base()))
del Mid.who
print(call_who(leaf))
del Base.greeting
try:
    read_greeting(leaf)
except AttributeError as e:
    print("AttributeError:", e)

# Diamond: a change on one side reaches the bottom class.
class A:
    def f(self):
        return "A"


class B(A):
    pass


class C(A):
    pass


class D(B, C):
    pass


d = D()
print([d.f() for _ in range(3)])
C.f = lambda self: "C"
print(d.f())
B.f = lambda self: "B"
print(d.f())

# __bases__ assignment changes what subclasses inherit.
class X:
    def g(self):
        return "X"


class Y:
    def g(self):
        return "Y"


class Z(X):
    pass


class W(Z):
    pass


w = W()
print([w.g() for _ in range(3)])
Z.__bases__ = (Y,)
print(w.g(), W.__mro__[1:3])

# Constructors: a new __init__ on a base is used by the next call.
class P:
    def __init__(self):
        self.v = 1


class Q(P):
    pass


print([Q().v for _ in range(3)])
P.__init__ = lambda self: setattr(self, "v", 2)
print(Q().v)
P.__new__ = lambda cls: object.__new__(cls)
print(type(Q()).__name__, Q().v)

# A metaclass attribute read through the class.
class Meta(type):
    tag = "meta"


class M(metaclass=Meta):
    pass


print([M.tag for _ in range(3)])
Meta.tag = "meta2"
print(M.tag)
M.tag = "own"
print(M.tag, Meta.tag)

# Another thread patches a class while this one has its lookups cached.
class Shared:
    def val(self):
        return 0


s = Shared()
seen = set()
for _ in range(100):
    seen.add(s.val())
ready = threading.Event()


def patch():
    Shared.val = lambda self: 1
    ready.set()


t = threading.Thread(target=patch)
t.start()
ready.wait()
seen2 = s.val()
t.join()
print(sorted(seen), seen2)

# Classes defined in a loop get distinct, correct lookups.
made = []
for i in range(50):
    class K:
        n = i

        def get(self):
            return self.n

    made.append(K())
print(sum(k.get() for k in made), made[7].get(), made[49].get())
