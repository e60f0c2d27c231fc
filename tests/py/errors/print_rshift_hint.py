# `print >> stream`: Python 2's redirection gets CPython's hint.
import sys


class Sink:
    def __rrshift__(self, other):
        return NotImplemented


for label, fn in [
    ("print >> stderr", lambda: print >> sys.stderr),
    ("print >> 42", lambda: print >> 42),
    ("print >> Sink()", lambda: print >> Sink()),
    ("max >> stderr", lambda: max >> sys.stderr),
    ("print << stderr", lambda: print << sys.stderr),
]:
    try:
        fn()
    except TypeError as e:
        print(label, "->", e)


def shifted():
    p = print
    p >>= 1


try:
    shifted()
except TypeError as e:
    print("print >>= 1 ->", e)
