# a[i] and a[i] = v on arrays of every typecode: negative and out-of-range
# indexes, huge indexes, values at the limits of each type, wrong types, and
# subclasses that do and do not override the item methods.
from array import array
import sys

CODES = "bBhHiIlLqQfdu"


def sample(tc):
    if tc == "u":
        return ["a", "\u00e9", "\U0001f600"]
    if tc in "fd":
        return [0.5, -2.25, 1e10 if tc == "d" else 3.0]
    return [0, 1, 7]


for tc in CODES:
    a = array(tc, sample(tc))
    out = [a[0], a[1], a[2], a[-1], a[-3]]
    a[0] = a[2]
    a[-2] = a[0]
    print(tc, out, a.tolist(), len(a))
    for bad in (3, -4, sys.maxsize, -sys.maxsize - 1, 2**70, -(2**70)):
        try:
            a[bad]
        except IndexError as e:
            print(" get", "big" if abs(bad) > 2**40 else bad, "IndexError", e)
        try:
            a[bad] = a[0]
        except IndexError as e:
            print(" set", "big" if abs(bad) > 2**40 else bad, "IndexError", e)
    print(" after", a.tolist())

# Index types: bool, an __index__ object, float and str (TypeError).
class Ix:
    def __init__(self, i):
        self.i = i

    def __index__(self):
        return self.i


a = array("i", range(5))
print(a[True], a[False], a[Ix(3)], a[Ix(-1)])
a[True] = 40
a[Ix(-1)] = 44
print(a.tolist())
for k in (1.0, "1", None):
    try:
        a[k]
    except TypeError as e:
        print("get", type(k).__name__, e)
    try:
        a[k] = 1
    except TypeError as e:
        print("set", type(k).__name__, e)

# The limits of each integer typecode, and one past them.
LIMITS = {
    "b": (-128, 127), "B": (0, 255), "h": (-32768, 32767), "H": (0, 65535),
    "i": (-2**31, 2**31 - 1), "I": (0, 2**32 - 1), "l": (-2**63, 2**63 - 1),
    "L": (0, 2**64 - 1), "q": (-2**63, 2**63 - 1), "Q": (0, 2**64 - 1),
}
for tc, (lo, hi) in LIMITS.items():
    a = array(tc, [0, 0])
    a[0] = lo
    a[1] = hi
    print(tc, a[0], a[1], a[-2] == lo, a[-1] == hi)
    for v in (lo - 1, hi + 1):
        try:
            a[0] = v
        except OverflowError as e:
            print(" ", tc, "OverflowError", e)
    a[0] = True
    print(" ", tc, a[0], type(a[0]).__name__)

# Wrong value types.
for tc, v in (("i", 1.5), ("i", "x"), ("d", "x"), ("d", None), ("u", "ab"), ("u", 5), ("b", Ix(3))):
    a = array(tc, sample(tc))
    try:
        a[1] = v
        print(tc, "stored", a[1])
    except TypeError as e:
        print(tc, type(v).__name__, "TypeError", e)

# Floats: ints and __index__ objects are stored as floats; 'f' rounds.
a = array("d", [0.0, 0.0, 0.0])
a[0] = 3
a[1] = 2**60
a[2] = Ix(7)
print(a.tolist(), type(a[0]).__name__)
f = array("f", [0.0])
f[0] = 0.1
print(f[0], f[0] == 0.1)


# A subclass that overrides the item methods, one that does not.
class Logged(array):
    def __getitem__(self, i):
        print("  get", i)
        return super().__getitem__(i) * 10

    def __setitem__(self, i, v):
        print("  set", i, v)
        super().__setitem__(i, v + 1)


class Plain(array):
    pass


lg = Logged("i", [1, 2, 3])
lg[1] = 5
print(lg[1], lg.tolist())
pl = Plain("d", [1.0, 2.0])
pl[-1] = 9.5
print(pl[0], pl[-1], type(pl).__name__)
try:
    pl[2]
except IndexError as e:
    print("Plain IndexError", e)

# Item writes seen through a memoryview, and a buffer export blocks no item
# write (only resizes).
a = array("h", [1, 2, 3])
m = memoryview(a)
a[2] = -5
print(m[2], m.tolist())
m[0] = 9
print(a[0], a.tolist())
m.release()

# A sum over an array in a loop: the loop reads every item.
a = array("d", [0.0]) * 1000
for i in range(1000):
    a[i] = i * 0.5
s = 0.0
for i in range(-1000, 0):
    s += a[i]
print(s, sum(a))
