# isinstance / issubclass including tuples and abstract-ish checks
class A: pass
class B(A): pass
class C(B): pass
class D: pass
objs = [A(), B(), C(), D(), 1, True, "s", None]
for o in objs:
    print(type(o).__name__, isinstance(o, A), isinstance(o, B), isinstance(o, (C, D)), isinstance(o, (int, str)), isinstance(o, object))
print(issubclass(C, A), issubclass(A, C), issubclass(C, (D, B)), issubclass(bool, int), issubclass(int, bool), issubclass(A, A), issubclass(A, object))
print(isinstance(True, int), isinstance(1, bool), isinstance(1, float), isinstance(1.0, (int, float)), isinstance([], (list, (tuple, dict))))
print(isinstance(int, type), isinstance(type, type), isinstance(type, object), isinstance(object, type), issubclass(type, object))
print(isinstance(A, type), isinstance(A(), type), issubclass(type(A()), A), isinstance(3, ()))
for args in [(1, 1), (1, "int"), (1, [int])]:
    try:
        isinstance(*args)
    except TypeError as e:
        print(type(e).__name__, e)
for args in [(1, int), (A(), A), (A, 1)]:
    try:
        issubclass(*args)
    except TypeError as e:
        print(type(e).__name__, e)
print(isinstance(1, int | str), isinstance("x", int | None), isinstance(None, int | None), issubclass(bool, str | int))
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"
    def __subclasscheck__(cls, sub):
        return sub is int
class Magic(metaclass=Meta):
    pass
print(isinstance("magic", Magic), isinstance("other", Magic), issubclass(int, Magic), issubclass(str, Magic))
