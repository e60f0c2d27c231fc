# Local trace functions: the result of 'call' becomes frame.f_trace, None
# turns off line events for that frame, f_trace_lines and f_trace_opcodes,
# and f_locals read and written from a trace function.
import sys

events = []


def global_tracer(frame, event, arg):
    if frame.f_code.co_name == "quiet":
        return None
    if frame.f_code.co_name == "changed":
        return changing
    return local


def local(frame, event, arg):
    events.append((frame.f_code.co_name, event, frame.f_lineno))
    return local


def changing(frame, event, arg):
    if event == "line" and frame.f_lineno == 38:
        frame.f_locals["x"] = 100
        events.append(("changed", "set x", frame.f_lineno))
    return changing


def quiet():
    a = 1
    return a


def loud():
    a = 1
    return a


def changed():
    x = 1
    y = x + 1
    return y


def no_lines():
    f = sys._getframe()
    f.f_trace_lines = False
    a = 1
    return a


sys.settrace(global_tracer)
quiet()
loud()
print("changed returns", changed())
no_lines()
sys.settrace(None)
for e in events:
    print(*e)


def opcodes_seen():
    kinds = set()

    def tr(frame, event, arg):
        if frame.f_code.co_name == "target":
            frame.f_trace_opcodes = True
            kinds.add(event)
            return tr
        return None

    def target():
        return 1 + 2

    sys.settrace(tr)
    target()
    sys.settrace(None)
    return sorted(kinds)


print(opcodes_seen())


def failing_tracer(frame, event, arg):
    raise RuntimeError("tracer failed")


def victim():
    return 1


sys.settrace(failing_tracer)
try:
    victim()
except RuntimeError as e:
    print("RuntimeError", e)
print("trace removed:", sys.gettrace() is None)
f = sys._getframe()
print(f.f_trace, f.f_trace_lines, f.f_trace_opcodes)
try:
    f.f_trace_lines = 1
except TypeError as e:
    print("TypeError", e)
