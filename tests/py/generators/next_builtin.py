# next(g) on generators: values, the end (StopIteration with the return
# value), errors raised inside, PEP 479, re-entry, defaults, the caller's
# handled exception as the generator sees it, frames and tracing.
import sys
import traceback


def counted(n, result=None):
    for i in range(n):
        yield i * 10
    return result


g = counted(2, "done")
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", repr(e), e.value, e.__context__)
try:
    next(g)
except StopIteration as e:
    print("again", repr(e), e.value)
print("default", next(counted(0), "dflt"), next(g, "dflt2"))

g = counted(1)
next(g)
try:
    next(g)
except StopIteration as e:
    print("none result", repr(e), e.args)


# A loop driven by next() with StopIteration as its end.
def drive(gen):
    out = []
    while True:
        try:
            out.append(next(gen))
        except StopIteration as e:
            return out, e.value


print(drive(counted(4, "r")))


# Errors inside the generator reach the caller of next() with both frames
# in the traceback.
def failing():
    yield 1
    {}["missing"]


g = failing()
next(g)
try:
    next(g)
except KeyError as e:
    print([(fs.name, fs.line) for fs in traceback.extract_tb(e.__traceback__)])
    print(traceback.format_exc().splitlines()[-1])
print("after error", next(g, "exhausted"))


# PEP 479: a StopIteration escaping the generator becomes RuntimeError.
def leaking():
    yield 1
    raise StopIteration("inner")


g = leaking()
next(g)
try:
    next(g)
except RuntimeError as e:
    print("RuntimeError", e, repr(e.__cause__))


# Re-entry: a generator calling next() on itself.
def reentrant():
    yield next(me)


me = reentrant()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)


# Generators pulling from generators through next(), several levels deep.
def source():
    yield from range(5)


def doubler(src):
    while True:
        try:
            v = next(src)
        except StopIteration:
            return "doubler-end"
        yield v * 2


def pairs(src):
    while True:
        a = next(src, None)
        b = next(src, None)
        if a is None:
            return
        yield (a, b)


print(list(pairs(doubler(source()))))


# next() on a generator suspended in a yield from chain.
def inner():
    x = yield "i1"
    yield ("i2", x)


def outer():
    r = yield from inner()
    yield ("o", r)


g = outer()
print(next(g), next(g), next(g))


# The caller's handled exception, as the generator sees it, and the
# generator's own handled exception kept across a next().
def watcher():
    yield repr(sys.exc_info()[1])
    try:
        raise KeyError("own")
    except KeyError:
        yield repr(sys.exc_info()[1])
        yield repr(sys.exc_info()[1])
    yield repr(sys.exc_info()[1])


g = watcher()
try:
    raise ValueError("caller")
except ValueError:
    print(next(g))
    print(next(g))
print(next(g))
print(next(g))
print(repr(sys.exc_info()[1]))


# StopIteration from next() while handling another exception: chained.
g = counted(0)
try:
    try:
        raise OSError("first")
    except OSError:
        next(g)
except StopIteration as e:
    print("context", repr(e.__context__))


# Frames: the caller of next() is the generator frame's f_back; gi_running.
def framed():
    f = sys._getframe()
    yield (f.f_back.f_code.co_name, gen_ref.gi_running)


def caller_fn():
    return next(gen_ref)


gen_ref = framed()
print(caller_fn())


# A tracer turned on inside the generator and off again.
events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name in ("traced_gen", "use_traced"):
        events.append((frame.f_code.co_name, event))
    return tracer


def traced_gen():
    yield 1
    sys.settrace(tracer)
    yield 2
    sys.settrace(None)
    yield 3


def use_traced():
    g = traced_gen()
    return [next(g), next(g), next(g), next(g, "end")]


print(use_traced())
print(events)


# A generator that raises on its first resume, and one resumed by next()
# after send() and throw().
def first_fails():
    raise LookupError("at start")
    yield


try:
    next(first_fails())
except LookupError as e:
    print("first", e)


def echo():
    got = None
    while True:
        try:
            got = yield got
        except TypeError as e:
            got = "thrown " + str(e)


g = echo()
print(next(g), g.send("sent"), next(g), g.throw(TypeError("t")), next(g))
