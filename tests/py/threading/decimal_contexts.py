# Decimal contexts under threads: a Context shared by four threads collects every
# flag their operations raise (no update lost while others read and write it), its
# results are those of one thread alone, and each thread's own current context
# (localcontext) is its own: another thread's precision or rounding never leaks in.
import threading
from decimal import (Context, Decimal, localcontext, ROUND_DOWN, ROUND_UP, Inexact,
                     Rounded, Subnormal, Underflow, Clamped, DivisionByZero,
                     InvalidOperation, Overflow, FloatOperation)

SIGNALS = [Inexact, Rounded, Subnormal, Underflow, Clamped, DivisionByZero,
           InvalidOperation, Overflow, FloatOperation]
N = 1500

shared = Context(prec=12, Emin=-20, Emax=20, clamp=1, traps=[])


def work(kind, ctx):
    # Returns a checksum of the results; each kind raises its own signals.
    acc = Decimal(0)
    for i in range(1, N + 1):
        if kind == 0:
            r = ctx.divide(Decimal(i), 7)              # Inexact, Rounded
        elif kind == 1:
            r = ctx.multiply(Decimal("1E-15"), Decimal(i) / 10 ** 7)  # Subnormal...
        elif kind == 2:
            r = ctx.plus(Decimal("1E+20"))              # Clamped
        else:
            r = ctx.add(Decimal(i), Decimal("0.25"))    # exact: nothing
        acc = Context(prec=60).add(acc, r)
    return acc


def flags_of(ctx):
    return [s.__name__ for s in SIGNALS if ctx.flags[s]]


# What each kind does alone.
alone = []
union = set()
for kind in range(4):
    c = shared.copy()
    alone.append(work(kind, c))
    union |= set(flags_of(c))
    print("alone", kind, alone[kind], flags_of(c))

results = [None] * 4
start = threading.Barrier(4)


def run(kind):
    start.wait()
    results[kind] = work(kind, shared)


threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("shared results equal:", results == alone)
print("shared flags:", flags_of(shared))
print("union equal:", set(flags_of(shared)) == union)

# Thread-local current contexts.
out = {}


def local(prec, rounding, tag):
    with localcontext() as c:
        c.prec = prec
        c.rounding = rounding
        start2.wait()
        s = Decimal(0)
        for i in range(1, 800):
            s += Decimal(1) / Decimal(i + 2)
        out[tag] = (str(s), c.prec, c.rounding)


start2 = threading.Barrier(3)
ts = [threading.Thread(target=local, args=(p, r, t))
      for p, r, t in [(5, ROUND_DOWN, "a"), (9, ROUND_UP, "b"), (14, ROUND_DOWN, "c")]]
for t in ts:
    t.start()
for t in ts:
    t.join()
for tag in sorted(out):
    print(tag, *out[tag])
