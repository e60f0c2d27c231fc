# __name__, __qualname__, __doc__, __module__, __dict__ of functions.
def top():
    """Top level docstring."""
    pass

print(top.__name__)
print(top.__qualname__)
print(top.__doc__)
print(top.__module__)

def nodoc():
    x = "not a docstring"
print(nodoc.__doc__)

def multi_doc():
    """Line one.

    Line three.
    """
print(repr(multi_doc.__doc__))

def outer():
    def inner():
        def innermost():
            pass
        return innermost
    return inner
print(outer.__qualname__)
print(outer().__qualname__)
print(outer()().__qualname__)
print(outer()().__name__)

class A:
    def method(self):
        def local():
            pass
        return local
    class B:
        def deep(self):
            pass
print(A.method.__qualname__)
print(A().method().__qualname__)
print(A.B.deep.__qualname__)
print(A.B.__qualname__)
print(A.B.__name__)

top.__name__ = "renamed"
print(top.__name__, top.__qualname__)
top.__qualname__ = "Some.path"
print(top.__qualname__)
try:
    top.__name__ = 5
except TypeError as e:
    print("TypeError:", e)
try:
    top.__qualname__ = None
except TypeError as e:
    print("TypeError:", e)

top.__doc__ = "new doc"
print(top.__doc__)

def f():
    pass
print(f.__dict__)
f.color = "red"
f.size = 3
print(sorted(f.__dict__.items()))
print(f.color, getattr(f, "size"), hasattr(f, "weight"))
del f.color
print(sorted(f.__dict__))
try:
    f.color
except AttributeError as e:
    print("AttributeError:", e)
f.__dict__["direct"] = True
print(f.direct)
setattr(f, "via_setattr", [1])
print(f.via_setattr)

def g():
    return g.state
g.state = "attr read inside"
print(g())
print(type(f).__name__)
print(callable(f), callable(5))
print(f == f, f != g)
