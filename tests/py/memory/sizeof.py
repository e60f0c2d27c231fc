# sys.getsizeof and __sizeof__: sizes grow with what an object holds. Only
# relations are printed: the numbers themselves are the implementation's.
import array
import collections
import sys

g = sys.getsizeof


def grows(label, small, large):
    print(f"{label:<36} {g(large) > g(small)}")


grows("list of 1000 > list of 10", [0] * 10, [0] * 1000)
grows("list(range(1000)) > []", [], list(range(1000)))
grows("tuple of 1000 > tuple of 10", (0,) * 10, (0,) * 1000)
grows("dict of 1000 keys > {}", {}, {i: None for i in range(1000)})
grows("set of 1000 > set()", set(), set(range(1000)))
grows("frozenset of 1000 > frozenset()", frozenset(), frozenset(range(1000)))
grows("str of 10000 > str of 10", "x" * 10, "x" * 10000)
grows("non-ASCII str of 10000 > of 10", "\xe9" * 10, "\xe9" * 10000)
grows("bytes of 10000 > bytes of 10", b"x" * 10, b"x" * 10000)
grows("10**1000 > 10**10", 10**10, 10**1000)
grows("-10**1000 > 10**100", 10**100, -(10**1000))

ba = bytearray(b"x")
before = g(ba)
ba.extend(b"y" * 100000)
print(f"{'bytearray after extend grows':<36} {g(ba) > before}")

d = collections.deque()
before = g(d)
d.extend(range(10000))
print(f"{'deque after extend grows':<36} {g(d) > before}")

a = array.array("q")
before = g(a)
a.extend(range(10000))
print(f"{'array after extend grows':<36} {g(a) > before}")

lst = []
before = g(lst)
lst.extend(range(10000))
print(f"{'list after extend grows':<36} {g(lst) > before}")


class Sized:
    def __init__(self, n):
        self.n = n

    def __sizeof__(self):
        return self.n


print("override honoured:", g(Sized(10**6)) >= 10**6, g(Sized(0)) >= 0)
print("__sizeof__ direct:", Sized(77).__sizeof__())
print("bool result:", g(Sized(True)) >= 1)


class SubInt(int):
    pass


print("int subclass result:", g(Sized(SubInt(9))) >= 9)
print("default unused:", g([1, 2], "dflt") == g([1, 2]))
print("ints:", isinstance(g(0), int), isinstance(g([]), int), g(object()) > 0)


def attempt(label, *args, **kw):
    try:
        r = g(*args, **kw)
    except Exception as e:
        print(f"{label:<28} {type(e).__name__}: {e}")
    else:
        shown = r if isinstance(r, str) else f"an int >= 0: {isinstance(r, int) and r >= 0}"
        print(f"{label:<28} returned {shown}")


class Negative:
    def __sizeof__(self):
        return -1


class NotInt:
    def __sizeof__(self):
        return "big"


class AFloat:
    def __sizeof__(self):
        return 5.0


class Huge:
    def __sizeof__(self):
        return 2**64


class Raises:
    def __sizeof__(self):
        raise KeyError("inner")


class RaisesType:
    def __sizeof__(self):
        raise TypeError("inner type error")


class NoneSlot:
    __sizeof__ = None


for cls in (Negative, NotInt, AFloat, Huge, Raises, RaisesType, NoneSlot):
    attempt(cls.__name__, cls())
    attempt(cls.__name__ + " with default", cls(), "dflt")
attempt("no arguments")
attempt("three arguments", 1, 2, 3)
attempt("keyword object", object=1)
attempt("keyword default", [], default=5)
