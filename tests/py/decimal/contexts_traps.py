# Contexts: attributes, flags, traps, signal classes, local/get/set context.
import decimal
from decimal import (Decimal as D, Context, getcontext, setcontext, localcontext,
                     InvalidOperation, DivisionByZero, Inexact, Rounded, Overflow,
                     Underflow, Subnormal, Clamped, FloatOperation, DecimalException)

def names(d):
    return sorted(k.__name__ for k, v in d.items() if v)

def attempt(f, *a):
    try:
        r = f(*a)
        print("ok", r)
    except Exception as e:
        print("raised", type(e).__name__, isinstance(e, DecimalException), isinstance(e, ArithmeticError))

c = getcontext()
print(c.prec, c.rounding, c.Emin, c.Emax, c.capitals, c.clamp, names(c.traps))
for ctx in (decimal.DefaultContext, decimal.BasicContext, decimal.ExtendedContext):
    print(ctx.prec, ctx.rounding, names(ctx.traps), ctx.Etiny(), ctx.Etop())
for cls in (InvalidOperation, DivisionByZero, Overflow, Underflow, FloatOperation,
            decimal.ConversionSyntax, decimal.DivisionUndefined, decimal.DivisionImpossible,
            decimal.InvalidContext, Clamped, Subnormal):
    print(cls.__name__, [b.__name__ for b in cls.__mro__[1:-2]])
print(issubclass(DivisionByZero, ZeroDivisionError), issubclass(FloatOperation, TypeError))

with localcontext() as lc:
    lc.clear_flags()
    lc.traps[Inexact] = False
    D(1) / D(3)
    print("1/3", names(lc.flags))
    lc.clear_flags()
    D(1) / D(4)
    print("1/4", names(lc.flags))
    lc.traps[Inexact] = True
    attempt(lambda: D(1) / D(3))
    lc.traps[Inexact] = False
    attempt(lambda: D(1) / 0)
    attempt(lambda: D(0) / 0)
    attempt(lambda: D("abc"))
    attempt(lambda: D("sNaN") + 1)
    attempt(lambda: D(-1).sqrt())
    attempt(lambda: D("1e999999") * 10)
    lc.traps[DivisionByZero] = False
    lc.traps[InvalidOperation] = False
    lc.traps[Overflow] = False
    lc.clear_flags()
    print(D(1) / 0, D(-1) / 0, D(0) / 0, D("1e999999") * 10, names(lc.flags))
    lc.clear_flags()
    print(D("1e-999999") / 10**10, names(lc.flags))
    lc.clear_flags()
    print(D("x1"), names(lc.flags))
print(getcontext().prec, names(getcontext().traps))

ctx = Context(prec=6, rounding=decimal.ROUND_HALF_UP, Emin=-10, Emax=10, traps=[], flags=[])
print(ctx.create_decimal("3.14159265"), ctx.create_decimal("1.5e12"), names(ctx.flags))
ctx.clamp = 1
print(ctx.create_decimal("1e10"), ctx.create_decimal("1e-16"), names(ctx.flags))
old = getcontext()
setcontext(ctx)
print(getcontext() is ctx, D(2) / 3)
setcontext(old)
print(getcontext() is old)
with localcontext(prec=4, rounding=decimal.ROUND_UP) as l2:
    print(l2.prec, D(2) / 3)
for bad in (dict(prec=0), dict(Emin=1), dict(Emax=-1), dict(rounding="up"),
            dict(clamp=3), dict(capitals=5), dict(prec="x")):
    try:
        Context(**bad)
        print("ok", bad)
    except Exception as e:
        print(bad, type(e).__name__)
c2 = ctx.copy()
c2.prec = 3
print(ctx.prec, c2.prec, decimal.MAX_PREC >= 425000000, decimal.HAVE_THREADS)
