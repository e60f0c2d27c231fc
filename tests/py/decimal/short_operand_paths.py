# Decimal arithmetic on short operands (up to 19 digits, which ProtoPy computes on in
# machine integers) must equal the general arithmetic everywhere: every operator,
# rounding mode, precision, exponent limit, clamping, trap and flag, int operands,
# negative zero, and the str() of the results.
import decimal
from decimal import Decimal, Context, localcontext


def lcg(seed):
    while True:
        seed = (seed * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        yield seed >> 11


def digest(parts):
    h = 0
    for s in parts:
        for ch in s:
            h = (h * 131 + ord(ch)) % 1000000007
        h = (h * 131 + 10) % 1000000007
    return h


R = lcg(12345)


def operand():
    nd = 1 + next(R) % 19
    c = next(R) % (10 ** nd)
    e = next(R) % 25 - 14
    sign = "-" if next(R) % 2 else ""
    return Decimal("%s%dE%d" % (sign, c, e))


ROUNDINGS = [decimal.ROUND_HALF_EVEN, decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN,
             decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING,
             decimal.ROUND_FLOOR, decimal.ROUND_05UP]
FLAGS = [decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.Overflow,
         decimal.Underflow, decimal.Subnormal, decimal.Clamped, decimal.DivisionByZero]


def flags(ctx):
    return "".join(str(int(ctx.flags[f])) for f in FLAGS)


def run(op, x, y, ctx):
    ctx.clear_flags()
    try:
        r = op(x, y)
        return "%s %s" % (r, flags(ctx))
    except (ArithmeticError, ValueError) as e:
        return "%s %s" % (type(e).__name__, flags(ctx))


OPS = [
    ("+", lambda x, y: x + y),
    ("-", lambda x, y: x - y),
    ("*", lambda x, y: x * y),
    ("/", lambda x, y: x / y),
    ("//", lambda x, y: x // y),
    ("%", lambda x, y: x % y),
    ("q", lambda x, y: x.quantize(y)),
    ("<", lambda x, y: x < y),
    ("==", lambda x, y: x == y),
]

for prec, emax, emin, clamp in [(28, 999999, -999999, 0), (5, 999999, -999999, 0),
                                (19, 999999, -999999, 0), (3, 12, -12, 1), (9, 20, -20, 0)]:
    out = {name: [] for name, _ in OPS}
    for rounding in ROUNDINGS:
        ctx = Context(prec=prec, rounding=rounding, Emax=emax, Emin=emin, clamp=clamp, traps=[])
        with localcontext(ctx) as c:
            for _ in range(60):
                x, y = operand(), operand()
                for name, op in OPS:
                    out[name].append(run(op, x, y, c))
    print(prec, emax, clamp, " ".join("%s:%d" % (n, digest(v)) for n, v in out.items()))
    print("  sample:", out["+"][0], "|", out["*"][1], "|", out["q"][2], "|", out["/"][3])

# Int operands on either side, and the reflected operators.
with localcontext() as c:
    c.prec = 6
    for x in [Decimal("1.5"), Decimal("-0"), Decimal("123456.7"), Decimal("1E+3")]:
        for i in [0, 1, -7, 10 ** 15, -(10 ** 18), 2 ** 62]:
            print(x, i, x + i, i + x, x - i, i - x, x * i, i * x, x < i, i < x, x == i)

# Traps: an inexact result raises when trapped and leaves the flag set.
with localcontext() as c:
    c.prec = 4
    c.traps[decimal.Inexact] = True
    try:
        Decimal("1.2345") + Decimal("0.00001")
    except decimal.Inexact as e:
        print("Inexact raised", type(e).__name__, c.flags[decimal.Inexact], c.flags[decimal.Rounded])
    print(Decimal("1.25") + Decimal("1.25"), c.flags[decimal.Inexact])

# Overflow and underflow past the exponent limits go the general way.
with localcontext(Context(prec=3, Emax=5, Emin=-5, traps=[])) as c:
    print(Decimal("999") * Decimal("1000"), flags(c))
    c.clear_flags()
    print(Decimal("1E-5") * Decimal("1E-3"), flags(c))
    c.clear_flags()
    print(Decimal("1.23").quantize(Decimal("1E+10")), flags(c))

# Quantize: rounding argument, a result longer than the precision, Context.quantize.
cent = Decimal("0.01")
for v in ["2.675", "-2.675", "0.005", "-0.005", "123.4567", "1E+2", "-0E-7"]:
    d = Decimal(v)
    print(v, d.quantize(cent), d.quantize(cent, rounding=decimal.ROUND_HALF_UP),
          d.quantize(cent, decimal.ROUND_DOWN), Context(rounding=decimal.ROUND_UP).quantize(d, cent),
          d.quantize(Decimal(1)), d.quantize(5))
with localcontext() as c:
    c.prec = 3
    c.traps[decimal.InvalidOperation] = False
    print(Decimal("12345").quantize(Decimal("0.1")), c.flags[decimal.InvalidOperation])

# str: plain and scientific notation, capitals, negative zero.
for v in ["0", "-0", "0E-7", "-0E+3", "1E-6", "1E-7", "12.5E-8", "123E+2", "1.000",
          "9999999999999999999E-25", "-9999999999999999999E+10", "5E-1000", "0.000001234"]:
    print(v, str(Decimal(v)), repr(Decimal(v)), Context(capitals=0).to_sci_string(Decimal(v)))
with localcontext() as c:
    c.capitals = 0
    print(str(Decimal("1E+7") * 1), str(Decimal("-2.5E-9") + 0))

# Construction from ints: exact, any size, subclasses, bool.
class D(Decimal):
    pass

for i in [0, -1, 7, 2 ** 62, -(2 ** 62), 2 ** 70, True, False]:
    print(repr(Decimal(i)), repr(D(i)), type(D(i)).__name__)
print(Decimal(10 ** 19) + 1, Decimal(2 ** 64 - 1) * 1)
