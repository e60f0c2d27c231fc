# __complex__ may return a strict complex subclass only with a
# DeprecationWarning (CPython 3.11); anything else is a TypeError. The same
# check applies to complex() and to the cmath functions.
import cmath
import warnings


class Sub(complex):
    pass


class ReturnsSub:
    def __complex__(self):
        return Sub(1 + 2j)


class ReturnsSelf(complex):
    def __complex__(self):
        return self


class ReturnsExact:
    def __complex__(self):
        return 3j


class ReturnsFloat:
    def __complex__(self):
        return 1.5


def show(label, f):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            r = f()
        except TypeError as e:
            r = f"TypeError: {e}"
    print(label, r, [(w.category.__name__, str(w.message)) for w in caught])


show("sub", lambda: complex(ReturnsSub()))
show("self", lambda: complex(ReturnsSelf(4j)))
show("exact", lambda: complex(ReturnsExact()))
show("float", lambda: complex(ReturnsFloat()))
show("sub, imag", lambda: complex(ReturnsSub(), 1))
show("cmath sub", lambda: cmath.sqrt(ReturnsSub()))
show("cmath exact", lambda: cmath.phase(ReturnsExact()))
show("cmath float", lambda: cmath.exp(ReturnsFloat()))

with warnings.catch_warnings():
    warnings.simplefilter("error", DeprecationWarning)
    try:
        complex(ReturnsSub())
    except DeprecationWarning as e:
        print("raised:", type(e).__name__)
