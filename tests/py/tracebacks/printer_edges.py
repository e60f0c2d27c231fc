# The default printer's edge cases: a non-exception value, a failing __str__,
# a module-qualified class, multi-line messages and notes inside groups, a
# group raised from another exception, repeated frames inside a group.
import sys
sys.excepthook(int, 5, None)
class Bad(Exception):
    def __str__(self): raise RuntimeError("no")
sys.excepthook(Bad, Bad(), None)
class E(Exception): pass
E.__module__ = "pkg.mod"
sys.excepthook(E, E("x"), None)
e = ValueError("multi\nline message")
sys.excepthook(ValueError, e, None)
g = ExceptionGroup("g", [ValueError("multi\nline"), TypeError("")])
g.exceptions[0].add_note("n1\nn2")
sys.excepthook(type(g), g, None)
try:
    try:
        raise KeyError(1)
    except KeyError as k:
        raise ExceptionGroup("eg", [ValueError(2)]) from k
except ExceptionGroup as x:
    sys.excepthook(type(x), x, x.__traceback__)
def rec(n):
    if n == 0: raise ValueError("r")
    rec(n-1)
try:
    rec(10)
except ValueError as v:
    sys.excepthook(ExceptionGroup, ExceptionGroup("w", [v]), None)
