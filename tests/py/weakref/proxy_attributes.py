# A proxy's attributes are all its referent's: __class__ (so isinstance
# sees the referent's class), __dict__, __doc__, __module__ and bound
# methods of object; its own type is still the proxy type, and every
# attribute of a dead proxy raises ReferenceError.
import gc
import weakref


class Base:
    pass


class A(Base):
    "doc of A"

    def __init__(self):
        self.y = 2

    def m(self):
        return 'm of A'

    def __call__(self, x):
        return x * 3


a = A()
p = weakref.proxy(a)
print(type(p).__name__, p.__class__.__name__)
print(isinstance(p, A), isinstance(p, Base), isinstance(p, (int, A)), isinstance(p, int))
print(issubclass(type(p), A))
print(p.__doc__, p.__module__, p.__dict__)
print(p.m(), p.y, p(5))
print(p.__sizeof__.__self__ is a, p.__init__.__self__ is a)
print(sorted(dir(p)) == sorted(dir(a)))
p.z = 9
print(a.z, p.__dict__)
del p.z
print(hasattr(a, 'z'))
try:
    p.missing
except AttributeError as e:
    print('AttributeError', e)
print(getattr(p, 'missing', 'default'))

n = weakref.proxy(Base())
gc.collect()
for what in ['n.__class__', 'isinstance(n, Base)', 'n.__dict__', 'dir(n)', "getattr(n, 'x', 1)"]:
    try:
        print(what, eval(what))
    except ReferenceError as e:
        print(what, 'ReferenceError', e)
print(type(n).__name__, repr(n).startswith('<weakproxy at'))
