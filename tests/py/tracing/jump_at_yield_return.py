# Setting f_lineno from a `return` event: allowed where the event is a
# `yield` suspending the frame (it moves where the generator would resume),
# refused where the frame really returns; an `exception` event refuses it
# too.
import sys

def attempt(func, event_wanted, line_offset, to_offset, drive):
    base = func.__code__.co_firstlineno
    out = []
    def tracer(frame, event, arg):
        if frame.f_code is not func.__code__:
            return None
        if event == event_wanted and frame.f_lineno == base + line_offset and not out:
            try:
                frame.f_lineno = base + to_offset
                out.append("jumped")
            except ValueError as e:
                out.append("ValueError: " + str(e))
        return tracer
    sys.settrace(tracer)
    try:
        result = drive(func)
    except Exception as e:
        result = type(e).__name__
    finally:
        sys.settrace(None)
    print(func.__name__, event_wanted, out, result)

def gen():
    x = 1
    yield x
    yield 2

def plain():
    x = 1
    return x

def raising():
    x = 1
    1 / x
    raise KeyError(x)

attempt(gen, "return", 2, 1, lambda f: next(f()))
attempt(gen, "return", 2, 3, lambda f: next(f()))
attempt(plain, "return", 2, 1, lambda f: f())
attempt(raising, "exception", 3, 1, lambda f: f())
attempt(gen, "call", 0, 2, lambda f: next(f()))
