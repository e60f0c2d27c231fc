# __slots__ behaviour and errors.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x

p = P(1)
print(p.x)
try:
    p.y
except AttributeError as e:
    print("AttributeError:", e)
p.y = 2
print(p.x, p.y)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(p, "__dict__"))
print(P.__slots__)
print(type(P.x).__name__)
del p.x
try:
    p.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.x
except AttributeError as e:
    print("AttributeError:", e)

class Child(P):
    pass
c = Child(5)
c.anything = "child has dict"
print(c.anything, sorted(c.__dict__))

class SlotChild(P):
    __slots__ = ("z",)
sc = SlotChild(1)
sc.z = 3
print(sc.x, sc.z, hasattr(sc, "__dict__"))
try:
    sc.w = 1
except AttributeError as e:
    print("AttributeError:", e)

class WithDict:
    __slots__ = ("a", "__dict__")
w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.b, w.__dict__)

try:
    class Conflict:
        __slots__ = ("v",)
        v = 5
except ValueError as e:
    print("ValueError:", e)

class Single:
    __slots__ = "only"
s = Single()
s.only = "one"
print(s.only, Single.__slots__)

class Empty:
    __slots__ = ()
try:
    Empty().q = 1
except AttributeError as e:
    print("AttributeError:", e)

class ClassAttr:
    __slots__ = ("v",)
    shared = "class-level"
ca = ClassAttr()
print(ca.shared)
try:
    ca.shared = "no"
except AttributeError as e:
    print("AttributeError:", e)

class Private:
    __slots__ = ("__hidden",)
    def __init__(self):
        self.__hidden = "mangled"
    def get(self):
        return self.__hidden
print(Private().get(), Private.__slots__, hasattr(Private, "_Private__hidden"))

try:
    class BadSlot:
        __slots__ = ("ok", 5)
except TypeError as e:
    print("TypeError:", e)
try:
    class BadName:
        __slots__ = ("not valid",)
except TypeError as e:
    print("TypeError:", e)
try:
    class DupDict:
        __slots__ = ("__dict__", "__dict__")
except TypeError as e:
    print("TypeError:", e)
