# Construction, conversions, hashing and comparisons with other numeric types.
import math
from fractions import Fraction
from decimal import Decimal as D, getcontext, localcontext, FloatOperation, Context

for s in ["0", "-0", "1.500", "  12.5\n", "1e5", "-1E-7", "Inf", "-infinity", "nan",
          "-sNaN42", "0.000001", "123456789012345678901234567890.5", "1_000", "\u0661\u0662"]:
    d = D(s)
    print(repr(s), repr(d), str(d), d.to_eng_string(), d.as_tuple())
for v in [0, -5, 10**30, -(2**70)]:
    print(repr(D(v)), int(D(v)) == v)
for f in [0.1, -2.5, 1e300, 5e-324, -0.0, float("inf")]:
    print(repr(D(f)), repr(D.from_float(f)) == repr(D(f)))
print(repr(D(float("nan"))), D((0, (1, 2, 3), -2)), D((1, (0,), 5)), D((0, (), "F")), D((1, (4,), "n")))
print(repr(D(D("3.30"))), getcontext().create_decimal("1.23456789012345678901234567890123"))
print(getcontext().create_decimal_from_float(0.1))
for bad in ["", "1.2.3", "abc", " ", "1 2", "\u00b2"]:
    try:
        print(D(bad))
    except Exception as e:
        print(repr(bad), type(e).__name__)
for bad in [[1], (1, 2), (0, (10,), 0), (2, (1,), 0), {}, b"1"]:
    try:
        print(D(bad))
    except Exception as e:
        print(repr(bad), type(e).__name__)
for v in ["1", "1.5", "-2.25", "1E+3", "0.1", "-0", "123456.789", "1E-30", "Infinity", "-Infinity"]:
    d = D(v)
    print(v, hash(d) == hash(float(d)) if d == float(d) else hash(d) == hash(Fraction(d)), hash(d))
print(hash(D(1)) == hash(1), hash(D("1.5")) == hash(1.5), hash(D("0.1")) == hash(Fraction(1, 10)))
try:
    hash(D("sNaN"))
except Exception as e:
    print("hash sNaN", type(e).__name__)
for v in ["1.75", "-1.75", "2.5", "-0.5", "123.456"]:
    d = D(v)
    print(v, int(d), float(d), round(d), round(d, 1), math.floor(d), math.ceil(d), math.trunc(d),
          d.as_integer_ratio())
for bad in ["NaN", "Infinity"]:
    for f in (int, float, round):
        try:
            print(bad, f.__name__, f(D(bad)))
        except Exception as e:
            print(bad, f.__name__, type(e).__name__)
print(D("1.5") == 1.5, D("0.1") == 0.1, D(1) < 1.5, D("0.5") == Fraction(1, 2), D(2) > Fraction(3, 2))
print(D(1) == 1, D("1.0") != 1, D("NaN") == D("NaN"), D("NaN") != 1, 2 <= D("2.0"))
try:
    D("NaN") < 1
except Exception as e:
    print("nan <", type(e).__name__)
with localcontext() as c:
    c.traps[FloatOperation] = True
    try:
        D(0.5)
    except Exception as e:
        print("float trap", type(e).__name__)
    try:
        D(1) < 0.5
    except Exception as e:
        print("float cmp trap", type(e).__name__)
    print(D(1) == 0.5, bool(c.flags[FloatOperation]))
print(D(1) + True, D(3) * False, complex(D("1.5")) if hasattr(D, "__complex__") else "no complex")
