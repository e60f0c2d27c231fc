# f_locals of a frame that has ended (reached through a traceback): the values its
# variables had when it ended, cells included (read when asked, as CPython's frame
# keeps its cells), unbound names left out; the same dict on every read.
import sys


def raiser(a, b=2):
    c = a + b
    unbound = 1
    del unbound
    inner_val = "cell"

    def inner():
        return inner_val

    lst = [a]
    raise KeyError(c)


def catch(f, *args):
    try:
        f(*args)
    except Exception as e:
        tb = e.__traceback__
        while tb.tb_next:
            tb = tb.tb_next
        return tb.tb_frame


fr = catch(raiser, 1)
loc = fr.f_locals
print(sorted(loc))
print(loc["a"], loc["b"], loc["c"], loc["inner_val"], loc["lst"], "unbound" in loc)
print(fr.f_locals is loc, fr.f_code.co_name, fr.f_lineno)


def asked_while_running():
    x = 1
    live = sys._getframe().f_locals
    x = 2
    y = 3
    raise ValueError(live)


fr2 = catch(asked_while_running)
d = fr2.f_locals
print(sorted(d), d["x"], d["y"])
fr2.clear()
print(fr2.f_locals)


def many(n):
    total = 0
    for i in range(n):
        total += i
    raise RuntimeError(total)


frames = [catch(many, k) for k in range(5)]
print([f.f_locals["total"] for f in frames], [f.f_locals["i"] for f in frames[1:]])
print("i" in frames[0].f_locals)


def closure_changes():
    v = "before"

    def setter():
        nonlocal v
        v = "after"

    try:
        raise OSError
    except OSError as e:
        tb = e.__traceback__
    return tb.tb_frame, setter


f3, setter = closure_changes()
print(f3.f_locals["v"])
setter()
print(f3.f_locals["v"])
