# Class calls: __init__ runs in the caller's interpreter loop for plain
# classes; every other kind of class call keeps CPython's behaviour.
import sys
class P:
    def __init__(self, x, y):
        self.x = x; self.y = y
p = P(1, 2); print(type(p).__name__, p.x, p.y)
class R:
    def __init__(self):
        return 5
try:
    R()
except TypeError as e:
    print("TypeError", e)
class G:
    def __init__(self, a):
        raise ValueError("bad " + str(a))
try:
    G(3)
except ValueError as e:

    print("ValueError", e, e.__traceback__.tb_next.tb_frame.f_code.co_name)
class F:
    def __init__(self):
        self.caller = sys._getframe(1).f_code.co_name
def outer():
    return F().caller
print(outer())
class Re:
    def __init__(self, n):
        self.child = Re(n - 1) if n else None
r = Re(50); d = 0
while r: r = r.child; d += 1
print("depth", d)
class Sl:
    __slots__ = ('a',)
    def __init__(self, a): self.a = a
print(Sl(4).a)
class Self:
    def __init__(self, v):
        self = None
        return None
print(type(Self(1)).__name__)
class KW:
    def __init__(self, a, b=2): self.s = a + b
print(KW(1).s, KW(1, 5).s, KW(a=3).s)
class WN:
    def __new__(cls, *a): o = object.__new__(cls); o.n = 1; return o
    def __init__(self, z): self.z = z
print(WN(9).n, WN(9).z)
try:
    P(1)
except TypeError as e: print("TypeError", e)
try:
    P(1, 2, 3)
except TypeError as e: print("TypeError", e)
import abc
class A(abc.ABC):
    @abc.abstractmethod
    def m(self): pass
    def __init__(self): pass
try: A()
except TypeError as e: print("TypeError", e)
class Meta(type):
    def __call__(cls, *a): return "meta-called"
class M(metaclass=Meta):
    def __init__(self, q): pass
print(M(1))
def gen_init():
    class GI:
        def __init__(self):
            yield 1
    try:
        GI()
    except TypeError as e: print("TypeError", e)
gen_init()
class E(Exception):
    def __init__(self, a): super().__init__(a); self.a = a
print(repr(E(3)), E(3).a)
class Cls:
    def __init__(self, v):
        self.v = v
    @classmethod
    def make(cls): return cls(7)
print(Cls.make().v, [Cls(i).v for i in range(3)])
