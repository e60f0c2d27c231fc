print("  [_pkg.sub executing, __name__ =", __name__ + ", __package__ =", __package__ + "]")
from . import sibling
from .sibling import SIB

def func():
    return "sub.func sees " + SIB

VALUE = "sub value"
