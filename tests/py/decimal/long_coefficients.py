# Products and integer divisions of long coefficients, exact and rounded, and the
# largest precision: binary-splitting factorials, rounding of long products in each
# rounding mode with the flags raised, quotient/remainder of long dividends.
import decimal
from decimal import Decimal, Context

def fact(n, m):
    if n > m:
        return fact(m, n)
    if m == 0:
        return 1
    if n == m:
        return n
    mid = (n + m) // 2
    return fact(n, mid) * fact(mid + 1, m)

c = decimal.getcontext()
c.prec = decimal.MAX_PREC
c.Emax = decimal.MAX_EMAX
c.Emin = decimal.MIN_EMIN
for n in (10, 500, 4000):
    f = fact(Decimal(n), 0)
    s = str(f)
    print(n, len(s), s[:30], s[-40:].rstrip("0")[-12:], f.adjusted())
    # the same as Python's exact int product
    import math
    assert int(f) == math.factorial(n), n
print(Decimal(5) // 2, Decimal(-17) % 5, divmod(Decimal(10**40 + 7), Decimal(3)))
print(Decimal("1234567.5") // Decimal("0.25"), Decimal("1234567.5") % Decimal("0.7"))
print(Decimal(2) ** 200 * Decimal(3) ** 150 + 1)

def lcg(seed):
    while True:
        seed = (seed * 6364136223846793005 + 1442695040888963407) % 2**64
        yield seed

g = lcg(11)
def digits(n):
    return "".join(str(next(g) % 10) for _ in range(n)).lstrip("0") or "7"

a = Decimal(digits(900) + "E-321")
b = Decimal("-" + digits(1300) + "E+17")
exact = Context(prec=3000, Emax=10**6, Emin=-10**6).multiply(a, b)
print(exact.adjusted(), len(exact.as_tuple().digits), str(exact)[:25])
modes = ["ROUND_HALF_EVEN", "ROUND_HALF_UP", "ROUND_HALF_DOWN", "ROUND_DOWN",
         "ROUND_UP", "ROUND_CEILING", "ROUND_FLOOR", "ROUND_05UP"]
for prec in (9, 400, 2199, 2200, 2201):
    for mode in modes:
        ctx = Context(prec=prec, rounding=getattr(decimal, mode), Emax=10**6,
                      Emin=-10**6, traps=[])
        p = ctx.multiply(a, b)
        flags = sorted(k.__name__ for k, v in ctx.flags.items() if v)
        t = p.as_tuple()
        print(prec, mode, len(t.digits), t.digits[-3:], t.exponent, flags)

# Overflow and underflow of a long product in a narrow exponent range.
big = Decimal(digits(800) + "E+50")
for emax, emin in ((900, -900), (10**6, -10**6)):
    ctx = Context(prec=500, Emax=emax, Emin=emin, traps=[])
    p = ctx.multiply(big, big)
    q = ctx.multiply(Decimal(digits(700) + "E-1500"), Decimal(digits(600) + "E-750"))
    flags = sorted(k.__name__ for k, v in ctx.flags.items() if v)
    print(emax, str(p)[:20], p.adjusted(), str(q)[:20], q.adjusted(), flags)

# A long dividend by a short divisor, and the quotient too long for the precision.
n = Decimal(digits(2000))
ctx = Context(prec=3000, traps=[])
q, r = ctx.divmod(n, Decimal(97))
print(len(str(q)), r, q * 97 + r == n)
ctx = Context(prec=1500, traps=[])
print(ctx.divide_int(n, Decimal(97)), [k.__name__ for k, v in ctx.flags.items() if v])
try:
    Context(prec=1500).remainder(n, Decimal(97))
except decimal.InvalidOperation as e:
    print("InvalidOperation", [k.__name__ for k in e.args[0]])
