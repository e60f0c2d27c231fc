# Line events around `pass` statements: on a loop's own line, on a line of
# their own, as the target of a jump, in try and if bodies.
import sys

events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name == "body":
        events.append((event, frame.f_lineno - frame.f_code.co_firstlineno))
    return tracer


def body(items):
    for x in items: pass
    for x in items:
        pass
    n = 0
    while n < 2:
        n += 1
        if n == 1:
            pass
        else:
            pass
    try:
        pass
    except Exception:
        pass
    if items: pass
    else: pass
    return n


sys.settrace(tracer)
body([1, 2])
sys.settrace(None)
print(events)
