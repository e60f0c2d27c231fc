# A replaced sys.excepthook receives the uncaught exception; the default one
# stays reachable as sys.__excepthook__.
import sys


def hook(tp, value, tb):
    print("hook called with", tp.__name__, value)
    frames = 0
    while tb is not None:
        frames += 1
        tb = tb.tb_next
    print("traceback entries:", frames)
    sys.__excepthook__(tp, value, value.__traceback__)


sys.excepthook = hook


def fail():
    return {}["key"]


print("before")
fail()
