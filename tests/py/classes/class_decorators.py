# Class decorators and class bodies as executed code.
def add_repr(cls):
    fields = [k for k in cls.__dict__.get("__annotations__", {})]
    def __repr__(self):
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in fields)
        return f"{cls.__name__}({inner})"
    def __init__(self, *args):
        for f, a in zip(fields, args):
            setattr(self, f, a)
    cls.__repr__ = __repr__
    cls.__init__ = __init__
    return cls

@add_repr
class Point:
    x: int
    y: int
print(Point(1, 2))
print(Point("a", [3]))

def singleton(cls):
    return cls()
@singleton
class Settings:
    debug = False
    def toggle(self):
        self.debug = not self.debug
        return self.debug
print(type(Settings).__name__, Settings.toggle(), Settings.toggle())

registry = []
def register(tag):
    def deco(cls):
        registry.append((tag, cls.__name__))
        return cls
    return deco
@register("first")
@register("second")
class Multi:
    pass
print(registry)

print("before body")
class Body:
    print("  executing class body")
    x = 1
    y = x + 1
    for i in range(3):
        y += i
    del i
    if y > 3:
        big = True
    else:
        small = True
    def method(self):
        return self.y
print("after body")
print(Body.x, Body.y, hasattr(Body, "i"), hasattr(Body, "big"), hasattr(Body, "small"))
print(Body().method())

class Conditional:
    flag = True
    if flag:
        def f(self):
            return "first f"
    else:
        def f(self):
            return "second f"
print(Conditional().f())

class Redefined:
    def m(self):
        return 1
    def m(self):
        return 2
print(Redefined().m())

def wrap_methods(cls):
    for name, val in list(cls.__dict__.items()):
        if callable(val) and not name.startswith("__"):
            def make(fn):
                return lambda self, *a: "[" + str(fn(self, *a)) + "]"
            setattr(cls, name, make(val))
    return cls
@wrap_methods
class Wrapped:
    def a(self):
        return "A"
    def b(self, x):
        return x * 2
print(Wrapped().a(), Wrapped().b(4))

class Nested:
    class Inner:
        value = "inner"
    ref = Inner.value
print(Nested.ref, Nested.Inner.__qualname__)
