# sys.setswitchinterval takes any real number > 0 (kept in microseconds, as
# CPython keeps it); getswitchinterval reads it back.
import sys


class Real:
    def __float__(self):
        return 0.002


class Index:
    def __index__(self):
        return 1


def attempt(label, f, *args, **kwargs):
    try:
        print(label, "->", f(*args, **kwargs))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


for value in (0.001, 0.25, 1, True, Real(), Index(), 1e-10, 1.5e-6, 3):
    attempt(repr(value) if not isinstance(value, (Real, Index)) else type(value).__name__,
            sys.setswitchinterval, value)
    print("  now", sys.getswitchinterval())
for value in (0, -1, -0.0, 0.0, None, "0.1", b"1", 2 ** 2000, [1]):
    attempt(repr(value), sys.setswitchinterval, value)
attempt("no argument", sys.setswitchinterval)
attempt("keyword", sys.setswitchinterval, interval=0.1)
attempt("get(1)", sys.getswitchinterval, 1)
print(sys.getswitchinterval())
sys.setswitchinterval(0.005)
print(sys.getswitchinterval())
