# getattr, setattr, hasattr, delattr
class Obj:
    cls_attr = "class-level"
    def method(self):
        return "method called"
o = Obj()
setattr(o, "x", 10)
setattr(o, "with space", "odd name")
print(getattr(o, "x"), o.x, getattr(o, "cls_attr"), getattr(o, "missing", "fallback"), getattr(o, "with space"))
print(hasattr(o, "x"), hasattr(o, "missing"), hasattr(o, "method"), hasattr(Obj, "x"), getattr(o, "method")())
delattr(o, "x")
print(hasattr(o, "x"))
try:
    getattr(o, "x")
except AttributeError as e:
    print(type(e).__name__, e)
try:
    delattr(o, "x")
except AttributeError as e:
    print(type(e).__name__, e)
try:
    getattr(o, 5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    setattr(5, "real", 1)
except AttributeError as e:
    print(type(e).__name__, e)
try:
    setattr(object(), "x", 1)
except AttributeError as e:
    print(type(e).__name__, e)
print(getattr(5, "real"), getattr("s", "upper")(), getattr([], "append").__name__, getattr(Obj, "method").__name__)
class Dyn:
    def __getattr__(self, name):
        if name.startswith("auto_"):
            return name[5:].upper()
        raise AttributeError(f"no {name}")
d = Dyn()
print(d.auto_test, getattr(d, "auto_x"), hasattr(d, "auto_y"), hasattr(d, "other"), getattr(d, "other", "dflt"))
class Err:
    @property
    def boom(self):
        raise ValueError("not attribute error")
try:
    hasattr(Err(), "boom")
except ValueError as e:
    print(type(e).__name__, e)
setattr(Obj, "added", lambda self: "added method")
print(o.added(), getattr(o, "added")())
delattr(Obj, "added")
print(hasattr(o, "added"))
