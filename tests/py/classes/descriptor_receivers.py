# Builtin getset and member descriptors called directly on the wrong kind of
# object raise CPython's TypeError instead of reaching their native code.
tests = [
    lambda: type.__dict__['__mro__'].__get__(5, int),
    lambda: type.__dict__['__name__'].__get__(5),
    lambda: type.__dict__['__name__'].__set__(5, 'x'),
    lambda: type.__dict__['__bases__'].__set__(5, (object,)),
    lambda: type.__dict__['__qualname__'].__delete__(5),
    lambda: type.__dict__['__dict__'].__get__("s"),
    lambda: type.__dict__['__abstractmethods__'].__get__(3),
    lambda: type.__dict__['__flags__'].__get__(3),
    lambda: type.__dict__['__module__'].__set__(3, "m"),
    lambda: type.__dict__['__annotations__'].__get__(3),
    lambda: type.__dict__['__text_signature__'].__get__(3),
    lambda: type.__dict__['__basicsize__'].__get__(3),
    lambda: object.__dict__['__class__'].__get__(5),
    lambda: object.__dict__['__class__'].__set__(5, int),
    lambda: range.__dict__['start'].__get__(5),
    lambda: slice.__dict__['stop'].__get__("x"),
    lambda: type.__dict__['__mro__'].__get__(None, int),
]
for i, t in enumerate(tests):
    try:
        print(i, repr(t()))
    except Exception as e:
        print(i, type(e).__name__, e)
