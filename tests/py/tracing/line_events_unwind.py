# Line events when break, continue and return run finally bodies and with-exits.
import sys

class Ctx:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False

def record(fn):
    events = []
    first = fn.__code__.co_firstlineno

    def tracer(frame, event, arg):
        if frame.f_code is fn.__code__:
            events.append((frame.f_lineno - first, event))
        return tracer

    sys.settrace(tracer)
    try:
        result = fn()
    finally:
        sys.settrace(None)
    print(fn.__name__, result, events)

def break_finally():
    for i in range(3):
        try:
            if i == 1:
                break
        finally:
            n = i
    return n

def continue_finally():
    total = 0
    for i in range(2):
        try:
            continue
        finally:
            total += i
    return total

def return_finally():
    try:
        return 5
    finally:
        x = 6

def return_with():
    with Ctx():
        return "w"

def break_with():
    for i in (1, 2):
        with Ctx():
            break
    return i

record(break_finally)
record(continue_finally)
record(return_finally)
record(return_with)
record(break_with)
