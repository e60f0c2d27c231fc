class Base:
    __slots__ = ('_extra',)
class R(Base):
    __slots__ = ()
class W(Base):
    __slots__ = ()
class T(R, W):
    __slots__ = ()
class Mixin(T):
    __slots__ = ('a', 'b')
class C(Mixin, T):
    pass
c = C(); c._extra = 1; c.a = 2; c.b = 3; c.x = 4
print(c._extra, c.a, c.b, c.x, [k.__name__ for k in C.__mro__])
try:
    class C2(T, Mixin):
        pass
except TypeError as e:
    print('TypeError', type(e).__name__)
class A:
    __slots__ = ('a',)
class B:
    __slots__ = ('b',)
try:
    class AB(A, B): pass
except TypeError as e:
    print('TypeError', e)
class A2(A):
    __slots__ = ('c',)
try:
    class X(A2, B): pass
except TypeError as e:
    print('TypeError', e)
class Y(A2, A): pass
y = Y(); y.a = 1; y.c = 2; print(y.a, y.c)
class E: pass
class Z(E, A2): __slots__ = ()
z = Z(); z.a = 5; z.c = 6; print(z.a, z.c)
