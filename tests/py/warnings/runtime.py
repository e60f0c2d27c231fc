# warnings: DeprecationWarnings the runtime itself emits (CPython 3.11), their
# location (the line running), and the error filter turning them into exceptions.
import operator
import warnings


class Trunc:
    def __trunc__(self):
        return 7


class IntBool:
    def __int__(self):
        return True


class IndexBool:
    def __index__(self):
        return False


class MyInt(int):
    pass


class IndexSub:
    def __index__(self):
        return MyInt(5)


class MyFloat(float):
    pass


class FloatSub:
    def __float__(self):
        return MyFloat(2.5)


class Op:
    def __add__(self, other):
        warnings.warn("add called", stacklevel=2)
        return 1

    def __lt__(self, other):
        warnings.warn("lt called", stacklevel=2)
        return True

    def __bool__(self):
        warnings.warn("bool called", stacklevel=2)
        return False


with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    print(bool(NotImplemented))
    if NotImplemented:
        print("truthy")
    print(not NotImplemented)
    print(NotImplemented and 1, NotImplemented or 2)
    print(int(Trunc()))
    r = int(IntBool())
    print(r, type(r).__name__)
    r = operator.index(IndexBool())
    print(r, type(r).__name__)
    r = operator.index(IndexSub())
    print(r, type(r).__name__)
    print([10, 20, 30][IndexSub() if False else IndexBool()])
    r = float(FloatSub())
    print(r, type(r).__name__)
    o = Op()
    print(o + 1)
    print(o < 1)
    if o:
        pass
    print(not o)
for w in log:
    print(w.lineno, w.category.__name__, w.message)

print("-- error filter")
with warnings.catch_warnings():
    warnings.simplefilter("error")
    for f in (lambda: bool(NotImplemented), lambda: int(Trunc()), lambda: int(IntBool()),
              lambda: operator.index(IndexSub()), lambda: float(FloatSub()),
              lambda: Op() + 1):
        try:
            print("ok", f())
        except Warning as e:
            print(type(e).__name__, str(e)[:50])
