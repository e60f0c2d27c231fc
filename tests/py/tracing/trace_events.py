# sys.settrace: the call/line/return/exception events of plain functions,
# loops, exceptions, generators and nested functions, with f_lineno.
import sys

log = []


def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if name == "tracer":
        return None
    shown = arg
    if event == "exception":
        shown = (arg[0].__name__, str(arg[1]))
    log.append((event, name, frame.f_lineno, shown))
    return tracer


def simple(a):
    b = a * 2
    return b + 1


def loops(n):
    total = 0
    for i in range(n):
        total += i
    while n > 0:
        n -= 1
        if n == 1:
            continue
    return total


def raises():
    try:
        raise KeyError("k")
    except KeyError:
        pass
    return "ok"


def propagates():
    return 1 / 0


def gen(n):
    for i in range(n):
        yield i * 10
    return "done"


def outer():
    def inner(x):
        return x + 1

    return inner(1) + inner(2)


def one_line(): return 5


def run():
    simple(3)
    loops(3)
    raises()
    try:
        propagates()
    except ZeroDivisionError:
        pass
    list(gen(2))
    outer()
    one_line()


sys.settrace(tracer)
run()
sys.settrace(None)
for entry in log:
    print(*entry)
print(sys.gettrace())
