# Decimal arithmetic, precision and the eight rounding modes.
from decimal import Decimal as D, getcontext, localcontext, Context
import decimal

print(D("1.1") + D("2.2"), D("1.30") + D("1.20"), D("1.30") * D("1.20"))
print(D(1) / D(3), D(2) / D(3), D(-7) // D(2), D(-7) % D(2), divmod(D(7), D(-2)))
print(D("10") ** 3, D(2) ** -2, D("1.5") ** 2, -D("0.0"), +D("-0.00"), abs(D("-3.14")))
print(D(7) + 3, 3 - D(7), 2 * D("0.5"), 1 / D(8), 7 // D(2), 7 % D("2.5"))
print(D("123.456").quantize(D("0.01")), D("1E+2").quantize(D(1)))
modes = ["ROUND_CEILING", "ROUND_FLOOR", "ROUND_UP", "ROUND_DOWN", "ROUND_HALF_UP",
         "ROUND_HALF_DOWN", "ROUND_HALF_EVEN", "ROUND_05UP"]
vals = ["2.5", "-2.5", "3.5", "2.51", "-2.49", "0.15", "1.05", "-1.01"]
for m in modes:
    row = [str(D(v).quantize(D("1"), rounding=getattr(decimal, m))) for v in vals]
    row2 = [str(D(v).quantize(D("0.1"), rounding=getattr(decimal, m))) for v in vals]
    print(m, row, row2)
for prec in (1, 3, 9, 28, 50):
    with localcontext() as c:
        c.prec = prec
        print(prec, D(1) / D(7), D(2).sqrt(), D("123456789") * 1000 + 1)
c = Context(prec=5, rounding=decimal.ROUND_DOWN)
print(c.add(D("1.23456"), 0), c.divide(10, 3), c.multiply(D("99999"), 11), c.power(2, 20))
print(c.exp(1), c.ln(10), c.log10(1000), c.sqrt(D("0.0004")))
print(D("0.1") * 3 == D("0.3"), D("1.0") == D(1), D(1).compare(D("1.00")), D("NaN").compare(1))
print(sorted([D("2.5"), D("-1"), D("10"), D("0.001"), D("-Infinity"), D("3E+1")]))
print(max(D(1), D("1.0")), min(D("-0"), D("0")), D("12.3400").normalize(), D("1E3").normalize())
print(D("1.234").fma(10, D("0.5")), D(10).remainder_near(3), D(11).remainder_near(3))
print(D("7.50").to_integral_value(), D("-7.5").to_integral(), D("8.5").to_integral_exact())
