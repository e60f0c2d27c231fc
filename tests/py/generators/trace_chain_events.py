# sys.settrace / sys.setprofile events of generators resumed by for loops
# and yield-from / await chains, and a tracer installed mid-chain. (Only
# None is returned through the chains: CPython also reports the internal
# StopIteration of a value returned to FOR_ITER / YIELD_FROM, and of any
# awaited coroutine's return, as an "exception" event, which ProtoPy does
# not: the coroutines are seen by a profiler.)
import sys


def tracer(frame, event, arg):
    if frame.f_code.co_filename == __file__:
        name = frame.f_code.co_name
        if event == "return" or event == "exception":
            a = arg if event == "return" else arg[0].__name__
            print(event, name, frame.f_lineno, repr(a))
        else:
            print(event, name, frame.f_lineno)
    return tracer


def leaf():
    yield 1
    yield 2


def mid():
    r = yield from leaf()
    print("mid got", r)


def top():
    for x in mid():
        pass
    return x


sys.settrace(tracer)
top()
sys.settrace(None)
print("--")


def boom():
    yield 1
    raise ValueError("v")


def over_boom():
    yield from boom()


def catch():
    try:
        for x in over_boom():
            pass
    except ValueError:
        return "caught"


sys.settrace(tracer)
catch()
sys.settrace(None)
print("--")


async def a_leaf():
    print("a_leaf")


async def a_mid():
    await a_leaf()


def aprofiler(frame, event, arg):
    if frame.f_code.co_filename == __file__:
        print("profile", event, frame.f_code.co_name, frame.f_lineno)


sys.setprofile(aprofiler)
try:
    a_mid().send(None)
except StopIteration as e:
    print("value", e.value)
sys.setprofile(None)
print("--")


def late_leaf():
    yield 1
    sys.settrace(tracer)
    yield 2
    yield 3


def late_mid():
    yield from late_leaf()


for v in late_mid():
    print("got", v)
sys.settrace(None)
print("--")


def profiler(frame, event, arg):
    if event in ("call", "return") and frame.f_code.co_filename == __file__:
        print("profile", event, frame.f_code.co_name)


sys.setprofile(profiler)
top()
sys.setprofile(None)
