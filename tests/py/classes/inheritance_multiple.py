# Multiple inheritance and C3 linearisation.
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super().who()

print(D().who())
print([k.__name__ for k in D.__mro__])
print(D.mro() == list(D.__mro__))

class O: pass
class X(O): pass
class Y(O): pass
class Z(O): pass
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class W(K1, K2, K3): pass
print([k.__name__ for k in W.__mro__])

class F: pass
class E: pass
class Dd: pass
class Cc(Dd, F): pass
class Bb(Dd, E): pass
class Aa(Bb, Cc): pass
print([k.__name__ for k in Aa.__mro__])

class Left:
    attr = "left"
    def hello(self):
        return "left hello"
class Right:
    attr = "right"
    other = "only right"
    def hello(self):
        return "right hello"
class Both(Left, Right):
    pass
class BothRev(Right, Left):
    pass
b, br = Both(), BothRev()
print(b.attr, b.other, b.hello())
print(br.attr, br.other, br.hello())
print(Both.__bases__)

class Mixin:
    def greet(self):
        return "mixin greets " + self.name()
class Named:
    def name(self):
        return "named"
class Combo(Mixin, Named):
    pass
print(Combo().greet())

class Init1:
    def __init__(self):
        print("Init1")
        super().__init__()
class Init2:
    def __init__(self):
        print("Init2")
        super().__init__()
class Init3(Init1, Init2):
    def __init__(self):
        print("Init3")
        super().__init__()
Init3()
print(issubclass(Init3, Init2), isinstance(Init3(), Init1))

class Diamond(C, B):
    pass
print([k.__name__ for k in Diamond.__mro__])
print(Diamond().who())
