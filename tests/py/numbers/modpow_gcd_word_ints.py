# pow(b, e, m) and math.gcd on ints around the machine-word boundaries
# (small ints, 2**60, 2**61 - 1 as fractions' hash modulus, 2**63, big),
# negative exponents (inverses), negative moduli, non-invertible bases.
import math
from fractions import Fraction

edges = [0, 1, -1, 2, -2, 7, -7, 12, 2**60 - 1, -2**60, 2**61 - 1, 2**61,
         2**62 + 3, 2**63 - 1, -(2**63), 2**64 + 1, -(10**30)]
for m in [1, -1, 2, -3, 97, 1000003, 2**61 - 1, -(2**60), 2**63 - 1, -(2**63), 2**64 + 13]:
    row = []
    for b in edges:
        for e in [-2, -1, 0, 1, 3, 65537]:
            try:
                row.append(pow(b, e, m))
            except ValueError as ex:
                row.append("X")
    print(m, row)

try:
    pow(4, -1, 8)
except ValueError as ex:
    print("ValueError", ex)
try:
    pow(3, 2, 0)
except ValueError as ex:
    print("ValueError", ex)
print(pow(True, -1, 5), pow(3, True, 7), type(pow(2, 10, 2**61 - 1)))


class I(int):
    pass


print(pow(I(3), -1, 7), type(pow(I(3), 2, 7)))

for x in edges:
    print(x, [math.gcd(x, y) for y in edges])
print(math.gcd(), math.gcd(-(2**63)), math.gcd(-(2**63), 0), math.gcd(*edges[3:9]))
print(math.gcd(True, 6), math.gcd(I(12), 18), type(math.gcd(I(5))))


class Idx:
    def __index__(self):
        return 30


print(math.gcd(Idx(), 42))
for bad in [(1.5, 2), ("3", 6), (2, None)]:
    try:
        math.gcd(*bad)
    except TypeError as ex:
        print("TypeError", ex)

# Fraction hashing uses pow(d, -1, 2**61 - 1).
for f in [Fraction(3, 7), Fraction(-5, 2**61 - 1), Fraction(2**70, 3), Fraction(1, 2**61)]:
    print(f, hash(f) == hash(f.numerator / f.denominator) or hash(f))
print(hash(Fraction(1, 3)), hash(Fraction(-22, 7)), hash(Fraction(10**20, 3)))
