# cmath: values, special values (inf/nan/signed zeros), errors and argument types.
import cmath, math

def show(x):
    if isinstance(x, complex):
        return "(%s, %s)" % (show(x.real), show(x.imag))
    if isinstance(x, tuple):
        return "(" + ", ".join(show(i) for i in x) + ")"
    if isinstance(x, float):
        if x != x or math.isinf(x) or x == 0:
            return repr(x)
        return "%.11g" % x
    return repr(x)

def attempt(label, f, *args):
    try:
        print(label, show(f(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)

INF, NAN = math.inf, math.nan
points = [complex(0.0, 0.0), complex(-0.0, 0.0), complex(0.0, -0.0), 1 + 2j, -3.5 + 0.25j,
          complex(INF, 0.0), complex(-INF, 1.0), complex(2.0, INF), complex(NAN, 0.0),
          complex(0.0, NAN), complex(INF, NAN), complex(1e300, 1e300), complex(1.0, 0.0),
          complex(-1.0, -0.0), complex(800.0, 1.0)]
for name in ["sqrt", "exp", "log", "log10", "acos", "asin", "atan", "acosh", "asinh",
             "atanh", "cos", "sin", "tan", "cosh", "sinh", "tanh"]:
    f = getattr(cmath, name)
    for z in points:
        attempt("%s%s" % (name, show(z)), f, z)

attempt("log base 2", cmath.log, 8, 2)
attempt("log base 1", cmath.log, 8, 1)
attempt("log 0 base 2", cmath.log, 0, 2)
attempt("phase", cmath.phase, -1 - 0.0j)
attempt("phase tiny", cmath.phase, complex(1e300, 1e-30))
attempt("polar", cmath.polar, 3 + 4j)
attempt("polar huge", cmath.polar, complex(1e308, 1e308))
attempt("rect", cmath.rect, 2, math.pi / 2)
attempt("rect inf", cmath.rect, INF, 0.5)
attempt("rect inf phi", cmath.rect, 1.0, INF)
print(cmath.isfinite(1 + 1j), cmath.isinf(complex(INF, 0)), cmath.isnan(complex(0, NAN)))
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1j, 1.1j, rel_tol=0.2),
      cmath.isclose(0j, 1e-10j, abs_tol=1e-9), cmath.isclose(complex(INF, 0), complex(INF, 0)))
attempt("isclose negative", lambda: cmath.isclose(1, 1, rel_tol=-1))
print(show(cmath.pi), show(cmath.e), show(cmath.tau), cmath.inf, cmath.nan, cmath.infj, cmath.nanj)

class WithComplex:
    def __complex__(self):
        return 3 + 4j
class WithFloat:
    def __float__(self):
        return 4.0
class WithIndex:
    def __index__(self):
        return 9
class BadComplex:
    def __complex__(self):
        return 1.5
attempt("__complex__", cmath.sqrt, WithComplex())
attempt("__float__", cmath.sqrt, WithFloat())
attempt("__index__", cmath.sqrt, WithIndex())
attempt("int", cmath.sqrt, -4)
attempt("bad __complex__", cmath.sqrt, BadComplex())
attempt("str", cmath.sqrt, "1")
attempt("no args", cmath.sqrt)
attempt("keyword", lambda: cmath.exp(z=1))
