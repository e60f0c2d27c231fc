# math: integer functions, exact fsum, hypot/dist, nextafter/ulp, domain and range errors.
import math

def attempt(label, f, *args):
    try:
        r = f(*args)
        if isinstance(r, float) and math.isfinite(r) and r != 0:
            r = "%.12g" % r
        print(label, r)
    except Exception as e:
        print(label, type(e).__name__, e)

print(math.comb(10, 3), math.comb(100, 50), math.comb(3, 10), math.comb(2**70, 2))
print(math.perm(10, 3), math.perm(5), math.perm(5, None), math.perm(3, 4))
attempt("comb negative n", math.comb, -1, 2)
attempt("comb negative k", math.comb, 5, -2)
attempt("comb float", math.comb, 5.0, 2)
attempt("perm negative", math.perm, 4, -1)
print(math.isqrt(0), math.isqrt(99), math.isqrt(10**40), math.isqrt(True))
attempt("isqrt negative", math.isqrt, -1)
attempt("isqrt float", math.isqrt, 4.0)
print(math.factorial(0), math.factorial(20), len(str(math.factorial(1000))))
attempt("factorial negative", math.factorial, -3)
attempt("factorial float", math.factorial, 5.0)
print(math.gcd(), math.gcd(12, -18, 30), math.lcm(), math.lcm(4, 6, -10), math.lcm(3, 0, 5))
print(math.prod([1, 2, 3, 4]), math.prod([2.5, 4]), math.prod([], start=7), math.prod(["ab"], start=1))
print(math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100]), math.fsum([1e-16, 1, 1e16]))
print(math.fsum([math.inf, 1.0]), math.fsum([]))
attempt("fsum inf-inf", math.fsum, [math.inf, -math.inf])
attempt("fsum overflow", math.fsum, [1e308, 1e308])
print(math.hypot(), math.hypot(3, 4), math.hypot(1, 2, 2), math.hypot(-0.0), math.hypot(math.nan, math.inf))
print(math.dist((0, 0), (3, 4)), math.dist([1.0, 1.0, 1.0], [2.0, 2.0, 2.0]) ** 2)
attempt("dist dims", math.dist, (1, 2), (1, 2, 3))
print(math.nextafter(1.0, 2.0) - 1.0 == 2 ** -52, math.nextafter(0.0, -1.0), math.ulp(1.0) == 2 ** -52, math.ulp(math.inf))
print("%.12g" % math.cbrt(27), math.cbrt(-8), math.exp2(10), math.remainder(10, 3), math.remainder(5, 2))
print(math.log(8, 2), math.log2(1024), math.log10(10 ** 500), math.log(2 ** 2000) / math.log(2))
print(math.copysign(1, -0.0), math.fmod(7, math.inf), math.ldexp(1.5, 3), math.frexp(0.75), math.modf(-2.5))
print(math.floor(True), math.ceil(-1.5), math.trunc(9.99), math.floor(10 ** 30))
for name, args in [("sqrt", (-1,)), ("log", (0,)), ("log", (-5,)), ("log", (2, 1)), ("acos", (2,)),
                   ("exp", (1000,)), ("cosh", (1000,)), ("gamma", (0,)), ("gamma", (-2,)),
                   ("gamma", (200,)), ("lgamma", (-1,)), ("atanh", (1,)), ("pow", (0, -1)),
                   ("pow", (-8, 1 / 3)), ("pow", (10, 400)), ("fmod", (1, 0)), ("remainder", (1, 0)),
                   ("ldexp", (1.0, 5000)), ("ldexp", (1.0, 1.5)), ("sqrt", ("4",)), ("floor", (None,)),
                   ("trunc", ("x",)), ("sin", (math.inf,)), ("atan2", (1,))]:
    attempt(name + str(args), getattr(math, name), *args)
print(math.gamma(5), "%.12g %.12g %.12g" % (math.lgamma(10), math.erf(0.5), math.erfc(0.5)))
attempt("isclose tolerances", lambda: math.isclose(1, 2, abs_tol=-1))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.5, rel_tol=0.5), math.isclose(math.inf, math.inf))
