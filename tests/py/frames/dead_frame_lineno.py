# f_lineno and f_lasti of a frame object after its function ended: the line
# it ended on, whether it fell off its end, returned, or raised. (Falling
# off the end of an if-branch that is not the last one is not here: CPython
# gives each branch its own copy of the implicit return, with the branch's
# last line; ProtoPy's compiler emits one return, whose line is the last
# line before it.)
import sys

kept = []


def falls_off():
    kept.append(sys._getframe())
    x = 1
    y = x + 1


def falls_off_loop():
    kept.append(sys._getframe())
    for i in range(3):
        pass


def falls_off_if(flag):
    kept.append(sys._getframe())
    if flag:
        z = 1
    else:
        z = 2


def returns():
    kept.append(sys._getframe())
    x = 1
    return x


def raises():
    kept.append(sys._getframe())
    x = 1
    raise ValueError(x)


def nested():
    def inner():
        kept.append(sys._getframe())
        w = 3
    inner()
    kept.append(sys._getframe())


falls_off()
falls_off_loop()
falls_off_if(False)
returns()
try:
    raises()
except ValueError:
    pass
nested()
base = falls_off.__code__.co_firstlineno
for f in kept:
    print(f.f_code.co_name, f.f_lineno - base, f.f_lasti > 0)
