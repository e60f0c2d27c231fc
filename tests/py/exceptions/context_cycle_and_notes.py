# raising while the handled exception's context chain is a cycle
def cycle():
    try:
        raise ValueError(1)
    except ValueError as ex:
        ex.__context__ = ex
        raise TypeError(2)
try:
    cycle()
except Exception as e:
    exc = e
print(type(exc).__name__, type(exc.__context__).__name__, exc.__context__.__context__ is exc.__context__)

# a longer cycle: a -> b -> a
try:
    try:
        raise KeyError("a")
    except KeyError as a:
        b = IndexError("b")
        a.__context__ = b
        b.__context__ = a
        raise RuntimeError("c")
except RuntimeError as c:
    print(type(c.__context__).__name__, type(c.__context__.__context__).__name__)

# add_note needs a str, and a list in __notes__
e = ValueError(3)
e.add_note("first")
try:
    e.add_note(42)
except TypeError as t:
    print("TypeError:", t)
e.__notes__ = 42
try:
    e.add_note("second")
except TypeError as t:
    print("TypeError:", t)
print(e.__notes__)
del e.__notes__
e.add_note("again")
print(e.__notes__)
import sys
print(type(sys.copyright).__name__, "All Rights Reserved" in sys.copyright)
