# Inconsistent hierarchies raise TypeError at class creation.
class A: pass
class B(A): pass

try:
    class Bad(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)

class X: pass
class Y: pass
class XY(X, Y): pass
class YX(Y, X): pass
try:
    class Z(XY, YX):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Dup(A, A):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class FromInt(5):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class FromBool(bool):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class Layout(int, str):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    type("Dyn", (A, B), {})
except TypeError as e:
    print("TypeError:", e)

class Fine(B, A):
    pass
print([c.__name__ for c in Fine.__mro__])

try:
    class Obj(object, A):
        pass
except TypeError as e:
    print("TypeError:", e)

class Ok(A, object):
    pass
print([c.__name__ for c in Ok.__mro__])

try:
    B.__bases__ = (B,)
except TypeError as e:
    print("TypeError:", e)
print(B.__bases__)

class P: pass
class Q: pass
class R(P): pass
R.__bases__ = (Q,)
print([c.__name__ for c in R.__mro__])
print(issubclass(R, P), issubclass(R, Q))
