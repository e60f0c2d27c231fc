# An excepthook that itself fails: CPython reports both exceptions.
import sys


def hook(tp, value, tb):
    raise RuntimeError("the hook failed")


sys.excepthook = hook
[1, 2, 3][10]
