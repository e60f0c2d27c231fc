# object(), None, Ellipsis, NotImplemented basics
o = object()
print(type(o).__name__, o == o, o != o, bool(o), isinstance(o, object), hasattr(o, "__dict__"))
try:
    o.attr = 1
except AttributeError as e:
    print(type(e).__name__, e)
try:
    object(1)
except TypeError as e:
    print(type(e).__name__, e)
print(None == None, None != 0, None == False, bool(None), repr(None), str(None), type(None).__name__)
try:
    None < 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    None.attr
except AttributeError as e:
    print(type(e).__name__, e)
try:
    nothing = None
    nothing()
except TypeError as e:
    print(type(e).__name__, e)
print(..., Ellipsis, type(...).__name__, ... == Ellipsis, bool(...), repr(...))
print(NotImplemented, type(NotImplemented).__name__, repr(NotImplemented))
class X:
    def __eq__(self, other):
        return NotImplemented
print(X() == X(), X() != 1, 1 == X())
print(object.__name__, object.__bases__, int.__bases__, bool.__bases__, type.__bases__)
print(sorted(n for n in dir(object()) if n in ("__eq__", "__hash__", "__repr__", "__str__", "__init__")))
