# Exception chaining attributes cannot be deleted; ImportError fields are
# reset by a second __init__ and are part of __reduce__'s state.

e = Exception()
for name in ("__cause__", "__context__"):
    try:
        delattr(e, name)
    except TypeError as x:
        print("TypeError:", x)
    try:
        setattr(e, name, 1)
    except TypeError as x:
        print("TypeError:", x)

exc = ImportError("test", name="name", path="path")
print(exc.args, exc.msg, exc.name, exc.path)
exc.__init__()
print(exc.args, exc.msg, exc.name, exc.path)
exc.__init__("again", path="p2")
print(exc.args, exc.msg, exc.name, exc.path)

for kwargs in ({}, {"name": "n"}, {"path": "p"}, {"name": "n", "path": "p"}):
    print(ImportError("test", **kwargs).__reduce__())
print(ImportError("m").__reduce__())
print(ModuleNotFoundError("m", name="mod").__reduce__()[2])


class NoWeak:
    __slots__ = ["a"]


class Weak:
    __slots__ = ["a", "__weakref__"]


class Sub(NoWeak):
    pass

import weakref
for cls in (NoWeak, Weak, Sub):
    try:
        weakref.ref(cls())
        print(cls.__name__, "weakref ok")
    except TypeError as x:
        print("TypeError:", x)


class A:
    pass


class New:
    def __new__(cls, *a):
        return object.__new__(cls, *a)


class Init:
    def __init__(self, *a):
        pass

for call in (lambda: object.__new__(A, 5), lambda: A(1), lambda: A(kw=1),
             lambda: New(1, 2), lambda: object.__new__(Init, 1)):
    try:
        r = call()
        print("ok", type(r).__name__)
    except TypeError as x:
        print("TypeError:", x)
