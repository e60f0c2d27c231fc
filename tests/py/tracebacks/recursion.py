# Repeated identical frames collapse into "[Previous line repeated N more
# times]".
import sys
import traceback


def countdown(n):
    if n == 0:
        raise ValueError("bottom reached")
    return countdown(n - 1)


def ping(n):
    return pong(n)


def pong(n):
    if n == 0:
        raise KeyError("pong")
    return ping(n - 1)


for f, n in ((countdown, 2), (countdown, 3), (countdown, 4), (countdown, 50), (ping, 10)):
    try:
        f(n)
    except Exception:
        print(traceback.format_exc())
    try:
        f(n)
    except Exception as e:
        sys.excepthook(type(e), e, e.__traceback__)


def forever(n):
    return forever(n + 1)


forever(0)
