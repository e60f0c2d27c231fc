# Decimal methods beyond arithmetic: predicates, classes, logical ops, shifts, next_*,
# total ordering, copies, pickling and subclassing.
import pickle, copy
from decimal import Decimal as D, Context, getcontext, localcontext
import decimal

vals = ["0", "-0", "1.50", "-7", "1E-1000000", "1E+999999", "Infinity", "-Infinity", "NaN",
        "-sNaN3", "123.456"]
for v in vals:
    d = D(v)
    print(v, d.is_finite(), d.is_infinite(), d.is_nan(), d.is_qnan(), d.is_snan(),
          d.is_signed(), d.is_zero(), d.is_normal(), d.is_subnormal(), d.is_canonical(),
          d.number_class(), d.adjusted() if d.is_finite() else "-", d.copy_abs(), d.copy_negate(),
          d.copy_sign(D(-1)))
print(D("1101").logical_and(D("1011")), D("1101").logical_or(D("10")), D("1101").logical_xor(D("111")))
print(D("1101").logical_invert(), Context(prec=5).logical_invert(D(0)))
print(D(12345).shift(2), D(12345).shift(-2), D(12345).rotate(3), D(12345).rotate(-1))
print(D("7.5").scaleb(3), D("7.5").scaleb(-3), D(250).logb(), D("0.001").logb(), Context(traps=[]).logb(D(0)))
print(D(1).next_plus(), D(1).next_minus(), D(1).next_toward(0), D(-1).next_toward(5), D("Infinity").next_minus())
print(D("1.0").same_quantum(D("3.2")), D(1).same_quantum(D("1.0")), D("NaN").same_quantum(D("NaN")))
print(D("2.0").compare_total(D("2")), D("-0").compare_total(D("0")), D("NaN").compare_total(D(1)),
      D(-3).compare_total_mag(D(2)), D("sNaN").compare_total(D("NaN")))
print(D(3).max(D("NaN")), D(-5).max_mag(D(4)), D(-5).min_mag(D(4)), D(2).min(D("2.00")))
print(D(1).compare_signal(2))
try:
    D("NaN").compare_signal(1)
except Exception as e:
    print("compare_signal NaN", type(e).__name__)
print(D("-2.50").as_tuple(), D("-2.50").as_tuple().sign, type(D(1).as_tuple()).__name__)
print(D("1.20").canonical(), D(10).conjugate(), D(5).real, D(5).imag, D(1).radix())
for v in [D("3.14"), D("-0E+5"), D("sNaN12"), D("-Infinity")]:
    p = pickle.loads(pickle.dumps(v))
    print(repr(p), type(p) is D, copy.copy(v) is v, copy.deepcopy(v) is v)

class Money(D):
    def __repr__(self):
        return "Money(%s)" % str(self)

m = Money("12.50")
print(repr(m), isinstance(m, D), type(m + 1).__name__, repr(Money(m)), type(pickle.loads(pickle.dumps(m))).__name__)
print(D(2).sqrt(), D("100").log10(), D(1).exp(), D(10).ln(), D("0.5").ln())
ctx = Context(prec=10)
print(ctx.power(D(2), D("0.5")), ctx.power(3, 4, 5), ctx.divmod(17, 5), ctx.abs(D("-1")), ctx.minus(D(2)),
      ctx.plus(D("1.23456789012")), ctx.quantize(D("2.345"), D("0.1")), ctx.number_class(D("1E-99999999")),
      ctx.is_zero(D(0)), ctx.copy_decimal(D(4)), ctx.compare(1, 2), ctx.scaleb(1, 2), ctx.to_integral(D("2.7")))
with localcontext() as c:
    c.prec = 5
    print(D("3.14159").quantize(D("0.001"), rounding=decimal.ROUND_UP), D(2).sqrt())
    try:
        D("123456").quantize(D("0.1"))
    except Exception as e:
        print("quantize", type(e).__name__)
