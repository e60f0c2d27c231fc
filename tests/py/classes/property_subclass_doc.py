# property subclasses keep the getter's doc in the instance dict; property
# errors name the owner class by its qualified name; classmethod wraps
# descriptors and copies the function's attributes.


class PSub(property):
    """the subclass's own doc"""


class Slotted(property):
    """no dict"""
    __slots__ = ()


class C:
    @PSub
    def spam(self):
        """getter doc"""
        return 1

    @spam.setter
    def spam(self, v):
        pass


print(C.spam.__doc__, type(C.spam).__name__, C().spam)

try:
    class D:
        @Slotted
        def f(self):
            """doc"""
except AttributeError as e:
    print("AttributeError", e)


class Outer:
    class Inner:
        p = property()


for action in ("get", "set", "del"):
    o = Outer.Inner()
    try:
        if action == "get":
            o.p
        elif action == "set":
            o.p = 1
        else:
            del o.p
    except AttributeError as e:
        print(e)


class A:
    @classmethod
    @property
    def __doc__(cls):
        return "doc of " + cls.__name__

    @classmethod
    @property
    def name(cls):
        return cls.__name__.lower()


print(A.__doc__, A.name)


def func(x):
    "fdoc"
    return x


for w in (classmethod(func), staticmethod(func)):
    print(type(w).__name__, w.__name__, w.__qualname__, w.__doc__, w.__wrapped__ is func)
    print(sorted(w.__dict__))
