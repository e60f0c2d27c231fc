# dir() of a traceback entry lists its four attributes only.
import sys


def fail():
    raise IndexError("x")


try:
    fail()
except IndexError as e:
    tb = e.__traceback__
    print(dir(tb))
    print(tb.__dir__())
    print([name for name in dir(tb) if getattr(tb, name) is None])
    print(dir(tb.tb_next) == dir(tb), tb.tb_next.tb_next)
    print(type(tb).__dir__(tb) == dir(tb))
try:
    type(tb).__dir__(5)
except TypeError as e:
    print("TypeError")
