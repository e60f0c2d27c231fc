# inf and nan semantics
inf = float('inf')
nan = float('nan')
ninf = -inf
print(inf, ninf, nan, -nan)
print(inf + 1, inf - inf, inf * 0, inf * -1, inf / inf, 1 / inf, -1 / inf)
print(inf > 1e308, ninf < -1e308, inf == inf, inf == -ninf, inf > 10 ** 400)
print(nan == nan, nan != nan, nan < 1, nan > 1, nan <= nan, nan >= 0)
x = nan
print(x is x, x == x, [x] == [x], x in [x], (x,) == (x,))
print(nan + 1, nan * 0, 0 * nan, nan ** 0, 1 ** nan, pow(nan, 0))
print(max(1, 2.5), min(inf, 1e300), max(ninf, -1e300))
print(inf // 1, inf % 1 if False else "skip", -inf // 3)
print(divmod(5.0, inf), divmod(-5.0, inf))
print(abs(ninf), abs(-nan), -(-inf))
print(int(1e308) > 0, float(10 ** 308) < inf)
print(1e308 * 10, -1e308 * 10, 1e-323 / 10, -5e-324 / 2)
print(2.0 ** 1023 * 2 == inf)
try:
    print(2.0 ** 1024)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    print(10.0 ** 400)
except OverflowError as e:
    print(type(e).__name__, e)
print(inf ** 0, 0.0 ** 0, (-8.0) ** (1 / 3))
print((-1.0) ** 0.5, (-1) ** 0.5)
print(0.0 == -0.0, str(-0.0), repr(0.0 * -1), -0.0 + 0.0, -0.0 - 0.0, -0.0 * -0.0)
print(sorted([3.0, -0.0, 0.0, -inf, inf, 1e-300]))
print(round(inf) if False else "round(inf) skipped")
for f in (round, int):
    for v in (inf, nan):
        try:
            f(v)
        except (OverflowError, ValueError) as e:
            print(f.__name__, type(e).__name__, e)
