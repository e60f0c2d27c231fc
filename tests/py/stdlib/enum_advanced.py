# enum: verify() on flags, big IntFlag values, _numeric_repr_, value aliases via __new__, odd lookups.
from enum import *
import enum
def t(f):  # prints the result or the exception
    try: r = f(); print(repr(r))
    except Exception as e: print(type(e).__name__, e)
def v1():
    @verify(CONTINUOUS)
    class F(Flag):
        A = 1
        B = 8
t(v1)
def v2():
    @verify(NAMED_FLAGS)
    class F(Flag):
        A = 1
        X = 6
        Y = 24
t(v2)
class Color(Enum):
    RED = 1
t(lambda: Color(value=1))
t(lambda: len(Color.RED))
t(lambda: list(Color.RED))
class Big(IntFlag):
    A = 1 << 40
    B = 1 << 70
t(lambda: (Big.A | Big.B, Big(3), ~Big.A))
class Hexy(IntFlag):
    A = 1
    B = 2
    @classmethod
    def _numeric_repr_(cls, v): return hex(v)
t(lambda: (Hexy(12), Hexy(13)))
class Al(Enum):
    def __new__(cls, v, *aliases):
        o = object.__new__(cls)
        o._value_ = v
        for a in aliases:
            cls._value2member_map_[a] = o
        return o
    ONE = 1, 'one', 'uno'
    TWO = 2, 'two'
t(lambda: (Al('uno'), Al(2), Al('two')))
t(lambda: enum.show_flag_values(13))
class Kw(Enum):
    A = 1
    def __init__(self, v, extra='x'):
        self.extra = extra
t(lambda: Kw.A.extra)
t(lambda: Color.__len__())
t(lambda: (Enum.__repr__(Color.RED), Enum.__str__(Color.RED)))
t(lambda: [m for m in Flag('F', 'A B')])
t(lambda: Flag('F', 'A B', boundary=STRICT)(5))
t(lambda: IntEnum('I', 'A B', start=0).A)
t(lambda: Color.__members__.RED)
class Sz(Enum):
    S = 's'
    M = 'm'
    def __lt__(self, other):
        order = list(type(self))
        return order.index(self) < order.index(other)
t(lambda: sorted([Sz.M, Sz.S]))
t(lambda: Color.RED.__objclass__)
t(lambda: type(Color.__dict__['RED']))
t(lambda: auto())
t(lambda: [Color.RED] * 2)
t(lambda: str(FlagBoundary.STRICT) + format(FlagBoundary.KEEP))
