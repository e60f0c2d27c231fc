# type(x) and issubclass(C, T) in calls the interpreter answers itself:
# classes with metaclasses, ABCs and __subclasscheck__, tuples of classes,
# non-class arguments and their errors, and the profiler's view of the calls.
import abc
import sys


class Meta(type):
    def __subclasscheck__(cls, sub):
        print("Meta.__subclasscheck__", cls.__name__, sub.__name__)
        return True


class M(metaclass=Meta):
    pass


class A:
    pass


class B(A):
    pass


class R(abc.ABC):
    pass


R.register(int)
print(type(3), type("s"), type(None), type(A), type(M), type(B()), type(type))
print(issubclass(B, A), issubclass(A, B), issubclass(bool, int), issubclass(int, object))
print(issubclass(int, M), issubclass(M, A), issubclass(int, R), issubclass(str, R))
print(issubclass(B, (str, A)), issubclass(Meta, type), issubclass(type, type))
for args in [(3, int), (int, 3), (int, (int, 3)), (B,), ()]:
    try:
        print(issubclass(*args))
    except TypeError as e:
        print("TypeError", e)
for args in [(), (1, 2), ("n", (), {}, 4)]:
    try:
        print(type(*args))
    except TypeError as e:
        print("TypeError", e)
print(type("N", (A,), {"x": 1}).__mro__[1:])
try:
    type(x=1)
except TypeError as e:
    print("TypeError", e)

calls = []


def prof(frame, event, arg):
    if event == "c_call":
        calls.append(arg.__name__)


def f():
    type(1)
    issubclass(B, A)
    isinstance(1, int)


sys.setprofile(prof)
f()
sys.setprofile(None)
print(calls)
