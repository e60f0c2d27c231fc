# sys._getframe: code, line, globals and the chain of callers.
import sys


def names(f):
    out = []
    while f is not None:
        out.append((f.f_code.co_name, f.f_lineno))
        f = f.f_back
    return out


def a():
    return b()


def b():
    return sys._getframe(0), sys._getframe(1), names(sys._getframe())


f0, f1, chain = a()
print(f0.f_code.co_name, f0.f_lineno, f1.f_code.co_name, f1.f_lineno)
print(chain)
print(f0.f_globals is globals(), f0.f_back.f_code is a.__code__)
print(sys._getframe().f_code.co_name, sys._getframe().f_lineno, sys._getframe().f_back)
print(sys._getframe(-3).f_lineno)
g = {"__name__": "other"}
exec("import sys\nfr = sys._getframe()\nname = fr.f_globals['__name__']\nline = sys._getframe().f_lineno", g)
print(g["name"], g["line"], g["fr"].f_code.co_filename, g["fr"].f_back.f_code.co_name)


def gen():
    yield sys._getframe().f_code.co_name
    yield sys._getframe(1).f_code.co_name


print(list(gen()))
print([sys._getframe().f_code.co_name for _ in range(1)])
for depth in (30, 10 ** 6):
    try:
        sys._getframe(depth)
    except ValueError as e:
        print("ValueError", e)
for bad in ("1", 1.5, None):
    try:
        sys._getframe(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    sys._getframe(1, 2)
except TypeError as e:
    print("TypeError", e)
