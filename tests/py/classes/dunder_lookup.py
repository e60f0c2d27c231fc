# Special methods are looked up on the type, not the instance.
class C:
    def __len__(self):
        return 1
    def __repr__(self):
        return "C-repr"

c = C()
c.__len__ = lambda: 99
c.__repr__ = lambda: "instance repr"
print(len(c), c.__len__())
print(repr(c), c.__repr__())

C.__len__ = lambda self: 2
print(len(c))

class NoAdd:
    pass
n = NoAdd()
n.__add__ = lambda o: "instance add"
try:
    n + 1
except TypeError as e:
    print("TypeError:", e)
print(n.__add__(1))
NoAdd.__add__ = lambda self, o: "class add"
print(n + 1)

class Meta(type):
    def __len__(cls):
        return 42
    def __repr__(cls):
        return "<Meta-made " + cls.__name__ + ">"
    def __iter__(cls):
        return iter(["a", "b"])
    def __getitem__(cls, k):
        return k * 2
class WithMeta(metaclass=Meta):
    def __len__(self):
        return 7
print(len(WithMeta), len(WithMeta()))
print(repr(WithMeta), list(WithMeta), WithMeta[21])

class Getattr:
    def __getattr__(self, name):
        print("  __getattr__ asked for", name)
        return lambda *a: "dynamic"
g = Getattr()
print(g.__len__())
try:
    len(g)
except TypeError as e:
    print("TypeError:", e)

class GetattributeDunder:
    def __getattribute__(self, name):
        print("  __getattribute__", name)
        return object.__getattribute__(self, name)
    def __str__(self):
        return "str result"
gd = GetattributeDunder()
print(str(gd))

class Callable:
    pass
obj = Callable()
obj.__call__ = lambda: "nope"
print(callable(obj))

class Enter:
    pass
e = Enter()
e.__enter__ = lambda: None
e.__exit__ = lambda *a: None
try:
    with e:
        pass
except (AttributeError, TypeError) as ex:
    print(type(ex).__name__ + ":", ex)

class Iter:
    pass
it = Iter()
it.__iter__ = lambda: iter([1])
try:
    iter(it)
except TypeError as ex:
    print("TypeError:", ex)
print(bool(Iter()))
