# float()/int() conversion edges: error messages for bytes input,
# float.__getformat__, NaN hashing by identity, 0.0 ** -inf, __index__
# results too large for a float, __trunc__ returning a bool.
import sys
import warnings

for s in ["12 3", b"12 3", b"1\x00", b"\xa0x", bytearray(b"x7")]:
    try:
        float(s)
    except ValueError as e:
        print("float:", e)
    try:
        int(s)
    except ValueError as e:
        print("int:", e)
try:
    int(b"zz", 16)
except ValueError as e:
    print("int base 16:", e)

print(float.__getformat__("double"), "|", float.__getformat__("float"))
for arg in ("chicken", 1):
    try:
        float.__getformat__(arg)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

nan = float("nan")
print(hash(nan) == object.__hash__(nan))


class F(float):
    pass

fn = F("nan")
print(hash(fn) == object.__hash__(fn))
print(hash(1.5) == hash(F(1.5)), hash(2.0) == hash(2))
d = {nan: "found"}
print(d[nan])

print(0.0 ** -float("inf"), (-0.0) ** -float("inf"))
for base in (0.0, -0.0):
    try:
        base ** -1.0
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v

print(float(Idx(7)))
try:
    float(Idx(2 ** 2000))
except OverflowError as e:
    print("OverflowError:", e)
try:
    float(Idx(1.5))
except TypeError as e:
    print("TypeError:", e)


class TruncBool:
    def __trunc__(self):
        return True

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    n = int(TruncBool())
print(n, type(n).__name__)
print(sys.float_repr_style)
