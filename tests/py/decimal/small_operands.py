# Addition, subtraction, multiplication, division, integer division and quantize of
# short coefficients (up to about 20 digits) in contexts of small and usual precision, tight exponent limits,
# clamping and every rounding mode: results and the flags each operation raises,
# near the limits where an exact result stops fitting the context.
from decimal import (Context, Decimal, ROUND_05UP, ROUND_CEILING, ROUND_DOWN,
                     ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP,
                     ROUND_UP, InvalidOperation, Inexact, Rounded, Clamped, Subnormal,
                     Underflow, Overflow)

ROUNDINGS = [ROUND_05UP, ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN,
             ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP]
SIGNALS = [InvalidOperation, Inexact, Rounded, Clamped, Subnormal, Underflow, Overflow]

seed = 2024


def rnd(n):
    global seed
    seed = (seed * 6364136223846793005 + 1442695040888963407) % (1 << 64)
    return (seed >> 33) % n


def number():
    k = rnd(6)
    if k == 0:
        coeff = rnd(10)
    elif k == 1:
        coeff = 10 ** rnd(21) - rnd(2)
    elif k == 2:
        coeff = rnd(10 ** 9)
    else:
        coeff = rnd(10 ** (1 + rnd(20)))
    exp = rnd(13) - 8
    sign = "-" if rnd(3) == 0 else ""
    return Decimal("%s%dE%d" % (sign, coeff, exp))


def flags(c):
    return "".join(s.__name__[0:3] for s in SIGNALS if c.flags[s])


def show(c, what, f):
    c.clear_flags()
    try:
        r = f()
    except Exception as e:
        return "%s=%s(%s)" % (what, type(e).__name__, flags(c))
    return "%s=%s(%s)" % (what, r, flags(c))


contexts = [
    Context(prec=28),
    Context(prec=5, Emax=30, Emin=-30),
    Context(prec=9, Emax=12, Emin=-12, clamp=1),
    Context(prec=19, Emax=20, Emin=-4, traps=[]),
    Context(prec=3, traps=[]),
]

for i in range(700):
    c = contexts[i % len(contexts)]
    c.rounding = ROUNDINGS[rnd(len(ROUNDINGS))]
    a, b = number(), number()
    line = [str(a), str(b), c.rounding[6:], str(c.prec)]
    line.append(show(c, "add", lambda: c.add(a, b)))
    line.append(show(c, "sub", lambda: c.subtract(a, b)))
    line.append(show(c, "mul", lambda: c.multiply(a, b)))
    line.append(show(c, "div", lambda: c.divide(a, b)))
    line.append(show(c, "idiv", lambda: c.divide_int(a, b)))
    line.append(show(c, "q", lambda: c.quantize(a, b)))
    line.append(show(c, "qr", lambda: a.quantize(b, rounding=ROUND_HALF_UP, context=c)))
    print(" ".join(line))

# Zeros: signs and exponents of exact zero results.
c = Context(prec=10, traps=[])
for r in (ROUND_HALF_EVEN, ROUND_FLOOR, ROUND_CEILING):
    c.rounding = r
    for x, y in [("0", "-0"), ("-0", "-0"), ("1.50", "-1.5"), ("-0.00", "0E+3"), ("7", "-7")]:
        x, y = Decimal(x), Decimal(y)
        print(r, x, y, c.add(x, y), c.subtract(x, y), c.multiply(x, y),
              c.quantize(x, Decimal("1E-4")), c.quantize(y, Decimal("1E+2")))

# The module-level operators run in the thread's context.
from decimal import getcontext, localcontext
with localcontext() as c:
    c.prec = 6
    c.rounding = ROUND_HALF_UP
    x = Decimal("123.455")
    print(x + Decimal("0.001"), x * 3, x - 1000, (x * x), x.quantize(Decimal("0.01")))
    print(sorted(k.__name__ for k, v in c.flags.items() if v))
print(getcontext().prec, Decimal(12345678901234567) * 100000000000, Decimal(-5) * 0)

# Division: exact quotients keep the ideal exponent (trailing zeros removed down to
# it), inexact ones are rounded to the precision; zero dividends and divisors.
for prec in (3, 9, 19, 28):
    c = Context(prec=prec, traps=[])
    for x, y in [("1", "4"), ("100", "4"), ("1.000", "8"), ("12E+3", "3E-2"), ("-0", "5"),
                 ("0E-3", "-7E+2"), ("2", "3"), ("22", "7"), ("-1", "7"), ("9999999999", "3"),
                 ("123456789012345678", "2"), ("1E+30", "1E-10"), ("5", "0"), ("0", "0"),
                 ("1", "9999999999999999999"), ("2.5", "0.5"), ("6.0", "2.00")]:
        x, y = Decimal(x), Decimal(y)
        print(prec, show(c, x, lambda: c.divide(x, y)), show(c, "//", lambda: x // y))

# A series by the operators: pi to 9 and 19 digits.
def pi():
    lasts, t, s, n, na, d, da = 0, Decimal(3), Decimal(3), 1, 0, 0, 24
    while s != lasts:
        lasts = s
        n, na = n + na, na + 8
        d, da = d + da, da + 32
        t = (t * n) / d
        s += t
    return s

for prec in (9, 19):
    with localcontext() as c:
        c.prec = prec
        print(prec, pi(), sorted(k.__name__ for k, v in c.flags.items() if v))
