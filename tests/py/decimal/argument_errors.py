# Wrong arguments to Decimal and Context methods raise CPython's TypeErrors,
# worded as the C module's argument parsing words them; methods of no
# argument refuse extra ones.
import decimal

c = decimal.Context()
d = decimal.Decimal("1.5")


def t(label, f):
    try:
        r = f()
        print(label, "->", r)
    except TypeError as e:
        print(label, "TypeError:", e)


for name in ["copy", "clear_flags", "clear_traps", "Etiny", "Etop", "radix"]:
    t("Context." + name, lambda: getattr(c, name)(1))
for name in ["abs", "exp", "is_nan", "sqrt", "to_sci_string", "number_class"]:
    t("Context." + name + "()", lambda: getattr(c, name)())
    t("Context." + name + "(1, 2)", lambda: getattr(c, name)(1, 2))
for name in ["add", "compare", "divmod", "quantize", "same_quantum", "max"]:
    t("Context." + name + "(1)", lambda: getattr(c, name)(1))
    t("Context." + name + " kw", lambda: getattr(c, name)(1, b=2))
t("Context.fma(1, 2)", lambda: c.fma(1, 2))
t("Context.power(1)", lambda: c.power(1))
t("Context.create_decimal(1, 2)", lambda: c.create_decimal(1, 2))
for name in ["copy_abs", "copy_negate", "is_zero", "is_signed", "adjusted", "as_tuple"]:
    t("Decimal." + name, lambda: getattr(d, name)(1))
t("quantize()", lambda: d.quantize())
t("quantize bad kw", lambda: d.quantize(1, x=2))
t("quantize too many", lambda: d.quantize(d, "ROUND_UP", None, 4))
t("quantize by name", lambda: d.quantize(exp=decimal.Decimal("0.1")))
t("compare()", lambda: d.compare())
t("compare twice", lambda: d.compare(1, other=2))
t("exp(1, context=None)", lambda: d.exp(1, context=None))
t("exp kw only", lambda: d.exp(context=None, x=1))
t("exp(context=c)", lambda: d.exp(context=c))
t("fma()", lambda: d.fma(1))
t("fma ok", lambda: d.fma(2, third=1))
t("quantize kw order", lambda: d.quantize(rounding="ROUND_UP", exp=decimal.Decimal("0.1")))
t("quantize ctx kw", lambda: d.quantize(decimal.Decimal("0.01"), context=c, rounding=decimal.ROUND_DOWN))
t("quantize two bad kw", lambda: d.quantize(d, y=1, x=2))
t("power kw", lambda: c.power(a=2, b=3, modulo=5))
t("power mixed", lambda: c.power(2, modulo=5, b=3))
t("power missing", lambda: c.power(2, modulo=5))
