# bless-with: python3.12
# PEP 695 (Python 3.12): generic functions and classes, type aliases, lazy bounds.
def first[T](xs: list[T]) -> T:
    return xs[0]
print(first([3, 4]))
print(first.__type_params__, first.__name__, first.__qualname__)
print(first.__annotations__["return"] is first.__type_params__[0])

def with_defaults[T](a, b=2, *, c=3):
    return a, b, c
print(with_defaults(1), with_defaults.__defaults__, with_defaults.__kwdefaults__)

class Box[T]:
    def __init__(self, v: T):
        self.v = v
    def get(self) -> T:
        return self.v
    def tp(self):
        return T
b = Box(3)
print(b.v, b.get(), Box.__type_params__, b.tp())
print(Box.__mro__)
print(Box.__qualname__, Box.get.__qualname__)
print(Box.__parameters__)
print(Box[int])

type Alias = int
print(Alias, Alias.__name__, Alias.__value__, Alias.__type_params__)
type Pair[K, V] = dict
print(Pair, Pair.__type_params__, Pair.__value__)

def bounded[T: int, S: (str, bytes)](x: T, y: S): pass
T, S = bounded.__type_params__
print(T.__bound__, S.__constraints__, T.__constraints__, S.__bound__)
print(T.__name__, T.__covariant__, T.__infer_variance__)

def variadic[*Ts, **P](*args: *Ts): pass
print(variadic.__type_params__)

class Outer:
    class Inner[U]:
        def m[V](self, x: V) -> U: return x
print(Outer.Inner.__qualname__, Outer.Inner.m.__qualname__, Outer.Inner.m.__type_params__)

def lazy[T: Undefined](): pass
try:
    lazy.__type_params__[0].__bound__
except NameError as e:
    print("NameError", e)

class Base: pass
class Derived[T](Base):
    pass
print(Derived.__mro__, Derived.__bases__)

def deco(f):
    print("decorating", f.__name__, f.__type_params__)
    return f
@deco
def decorated[X](x: X) -> X: return x
print(decorated(5))
