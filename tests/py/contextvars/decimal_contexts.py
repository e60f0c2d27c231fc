import decimal, fractions, statistics
from decimal import Decimal, localcontext, getcontext
print(Decimal('1.1') + Decimal('2.2'), Decimal(1) / Decimal(7))
getcontext().prec = 10
print(Decimal(1) / Decimal(7))
with localcontext() as c:
    c.prec = 3
    print(Decimal(1) / Decimal(7))
print(Decimal(1) / Decimal(7))
print(fractions.Fraction(3, 4) + fractions.Fraction(1, 6), fractions.Fraction('0.125'))
print(statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]), statistics.stdev([1.0, 2.0, 4.0]))
print(statistics.fmean([1, 2, 3]), statistics.mode([1, 1, 2]))
import threading
out = []
def w(p):
    decimal.getcontext().prec = p
    out.append((p, str(Decimal(2).sqrt())))
ts = [threading.Thread(target=w, args=(p,)) for p in (5, 12)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(out), getcontext().prec)
