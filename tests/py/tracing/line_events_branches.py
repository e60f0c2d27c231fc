# Line events around constant tests, else-jumps and exception handlers.
import sys

def record(fn, *args):
    events = []
    first = fn.__code__.co_firstlineno

    def tracer(frame, event, arg):
        if frame.f_code is fn.__code__:
            events.append((frame.f_lineno - first, event))
        return tracer

    sys.settrace(tracer)
    try:
        fn(*args)
    except Exception as e:
        events.append(("raised", type(e).__name__))
    finally:
        sys.settrace(None)
    print(fn.__name__, events)

def const_tests():
    n = 0
    while 0:
        n += 1
    if False:
        n += 2
    while 1:
        n += 1
        if n > 1:
            break
    return n

def else_jump(a):
    if a:
        if a > 1:
            x = 1
        else:
            x = 2
    else:
        x = 3

def handler_entry():
    items = [1]
    try:
        i = 0
        while True:
            items[i]
            i += 1
    except IndexError as e:
        pass

def no_match():
    try:
        raise KeyError("k")
    except ValueError:
        pass

def try_else():
    try:
        x = 1
    except:
        x = 2
    else:
        x = 3
    finally:
        x = 4

record(const_tests)
record(else_jump, 2)
record(else_jump, 0)
record(handler_entry)
record(no_match)
record(try_else)
