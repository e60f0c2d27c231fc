# Edge cases where decNumber and the C module (mpdecimal) differ, each checked
# against CPython's results: string preparation of create_decimal, additions whose
# smaller operand carries into the rounding digit, correctly rounded ln/exp/log10,
# operands longer than the precision, clamped subnormals and signed zeros.
import sys
from decimal import (Context, Decimal, InvalidOperation, Overflow, ROUND_DOWN,
                     ROUND_HALF_EVEN, ROUND_UP, ROUND_CEILING, localcontext)
import decimal


def flags(c):
    return sorted(k.__name__ for k, v in c.flags.items() if v)


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


# create_decimal keeps whitespace and underscores (so they are syntax errors),
# while the constructor strips and drops them.
c = Context(traps=[])
for s in [' 12', '12 ', ' +1', '+ 1', '3.14\n', '1_000', '\u2003 7', '12']:
    c.clear_flags()
    print(repr(s), c.create_decimal(s), flags(c), Decimal(s) if s.strip() != '+ 1' else '-')
c = Context()
show('trapped', lambda: c.create_decimal(' 12'))

# The smaller operand's carry reaches the rounding digit.
for prec, rnd, a, b in [(3, ROUND_HALF_EVEN, '99949.9', '0.200000'),
                        (3, ROUND_HALF_EVEN, '99949.9', '0.100000'),
                        (3, ROUND_HALF_EVEN, '99849.9', '0.200000'),
                        (3, ROUND_DOWN, '99999.9', '0.200000'),
                        (3, ROUND_DOWN, '99999.8', '0.200000'),
                        (3, ROUND_DOWN, '99999.7', '0.200000'),
                        (5, ROUND_UP, '1234567.5', '-0.0000001'),
                        (4, ROUND_CEILING, '-99995.01', '0.0000009')]:
    c = Context(prec=prec, rounding=rnd, traps=[])
    r = c.add(Decimal(a), Decimal(b))
    r2 = c.subtract(Decimal(a), -Decimal(b))
    print(prec, rnd, a, b, r, r2, flags(c))

# ln, exp and log10 are correctly rounded even next to a half-way point.
c = Context(prec=17, traps=[])
print(c.ln(Decimal('0.99999991000000405')), flags(c))
c = Context(prec=15, traps=[])
print(c.ln(Decimal('9.99999999999266E+999')))
c = Context(prec=9, rounding=ROUND_DOWN, traps=[])
print(c.exp(Decimal(1)), c.ln(Decimal(2)), c.log10(Decimal(2)))
print(c.exp(Decimal(0)), c.ln(Decimal(1)), c.log10(Decimal('1000')), flags(c))

# Huge contexts: exact results need no huge work, powers of tiny exponents are 1.
big = Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
with localcontext(big):
    print(Decimal(0).exp(), Decimal(1).ln(), Decimal(10**40).log10(), Decimal(4).sqrt())
c = Context(prec=16, Emax=999999999, Emin=-999999999, traps=[])
for x, y in [('10', '1e-999999999'), ('100.0', '-557.71e-742888888'),
             ('0.5', '1e-999999999'), ('10', '1e-100'), ('10000', '0.75'),
             ('2048', '-0.75'), ('1e375', '56e-3')]:
    c.clear_flags()
    print(x, y, c.power(Decimal(x), Decimal(y)), flags(c))

# Operands longer than the precision.
c = Context(prec=3, traps=[])
print(c.scaleb(Decimal(1234), 1), c.scaleb(Decimal(5678), 0), c.scaleb(Decimal(-9105), -1))
c = Context(prec=4, traps=[])
for n in range(-5, 6):
    print(n, c.shift(Decimal(1234567), n), c.rotate(Decimal(1234567), n))
xc = Context(prec=1, Emax=1, Emin=-1)
show('scaleb overflow', lambda: Decimal('23').scaleb(1, context=xc))

# A subnormal result with clamping on is padded to the top exponent.
c = Context(prec=24, Emax=9, Emin=-9, clamp=1, traps=[])
for e in range(-8, -15, -1):
    c.clear_flags()
    print(e, c._apply(Decimal('1E%d' % e)), flags(c))

# power-modulo keeps a negative zero's sign for an odd power.
for x, y, m in [('-0', 1, 1), ('-0', 3, 5), ('-0', 2, 3), ('-4', 3, 4), ('-3', 3, 5)]:
    print(x, y, m, pow(Decimal(x), y, m))

# create_decimal converts a tuple in the context; the constructor exactly.
c = Context(prec=9, traps=[Overflow, InvalidOperation])
print(c.create_decimal((1, (), sys.maxsize)), c.create_decimal((1, (), -sys.maxsize - 1)))
print(c.create_decimal((0, (1, 2, 3, 4, 5, 6, 7, 8, 9, 1), -2)), flags(c))
show('tuple overflow', lambda: c.create_decimal((1, (1, 2), sys.maxsize)))
show('ctor', lambda: Decimal((1, (1, 2), sys.maxsize)))
print(Decimal((0, (4, 2), -1000000005)))
show('tuple exponent', lambda: Decimal((1, (), sys.maxsize + 1)))
show('tuple exponent', lambda: c.create_decimal((1, (), -sys.maxsize - 2)))
with localcontext(big):
    print(Decimal(400) ** -1, Decimal(10) / 4, divmod(Decimal(10), 3))
print(Decimal('1e-1999999997'), Decimal('12e-1999999997'))

# Comparisons with fractions are exact, down to the smallest exponent.
from fractions import Fraction
tiny = Decimal('1e%d' % decimal.MIN_ETINY)
print(Fraction(0, 1) < tiny, tiny < Fraction(1, 10**9), Decimal('2.5') == Fraction(5, 2),
      Decimal('-0.1') < Fraction(-1, 11), Decimal('1e-999999999') > Fraction(0))
