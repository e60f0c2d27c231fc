# Builtin methods compare equal when they are the same function bound to
# the same object, and hash consistently; bound methods of callables that
# are not functions show their __qualname__ or __name__ in their repr.
import types

items = []
others = []
print(items.append == items.append, items.append != items.append)
print(items.append == others.append, items.append == items.pop)
print(hash(items.append) == hash(items.append), len({items.append, items.append}))
print(len.__eq__(len), len == abs)
try:
    items.append < items.append
except TypeError as e:
    print(type(e).__name__, e)


class Caller:
    def __call__(self, arg):
        return arg


class Holder:
    def __repr__(self):
        return "<holder>"


c = Caller()
m = types.MethodType(c, Holder())
print(repr(m))
c.__name__ = "short"
print(repr(m))
c.__qualname__ = "Long.short"
print(repr(m))
c.__qualname__ = 42
print(repr(m))
