# Default behaviours inherited from object.
class Plain:
    pass
p, q = Plain(), Plain()
print(p == p, p == q, p != q, p != p)
print(p.__eq__(q), p.__ne__(q), p.__eq__(p))
print(str(p) == repr(p), format(p, "") == str(p))
try:
    format(p, "x")
except TypeError as e:
    print("TypeError:", e)
try:
    p < q
except TypeError as e:
    print("TypeError:", e)
print(Plain.__lt__(p, q))
print(p.__class__ is Plain, Plain.__base__ is object)
print(hasattr(p, "__dict__"), p.__dict__)

class EqOnly:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        print("  __eq__ called")
        return self.v == other.v
print(EqOnly(1) != EqOnly(1))
print(EqOnly(1) != EqOnly(2))

class NeOnly:
    def __ne__(self, other):
        return "custom ne"
print(NeOnly() != NeOnly(), NeOnly() == NeOnly())

class StrOnly:
    def __str__(self):
        return "str version"
print(str(StrOnly()), "%s" % StrOnly(), repr(StrOnly()).startswith("<__main__.StrOnly object"))

class ReprOnly:
    def __repr__(self):
        return "ReprOnly()"
print(str(ReprOnly()), f"{ReprOnly()}", [ReprOnly()])

class Dir:
    def __dir__(self):
        return ["zeta", "alpha", "alpha"]
print(dir(Dir()))

class Init:
    pass
try:
    Init(1)
except TypeError as e:
    print("TypeError:", e)
try:
    object(1)
except TypeError as e:
    print("TypeError:", e)

o = object()
try:
    o.attr = 1
except AttributeError as e:
    print("AttributeError:", e)
print(type(o).__name__, object.__name__, object.__bases__)
print(isinstance(Plain, object), isinstance(1, object), issubclass(type, object))
print(isinstance(object, type), type(object) is type, type(type) is type)

class WithClassAttrs:
    a = 1
print(sorted(k for k in dir(WithClassAttrs) if not k.startswith("__")))
print("__init__" in dir(Plain), "__eq__" in dir(Plain), "__hash__" in dir(Plain))
print(Plain.__init__ is object.__init__, Plain.__repr__ is object.__repr__)
