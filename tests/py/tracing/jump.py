# Setting frame.f_lineno from a trace function: jumps forward and back, and
# CPython's ValueErrors where a jump is not allowed.
import sys


def make_tracer(at, to, code_name):
    done = []

    def tracer(frame, event, arg):
        if frame.f_code.co_name != code_name:
            return tracer
        if event == "line" and frame.f_lineno == at and not done:
            done.append(1)
            try:
                frame.f_lineno = to
            except ValueError as e:
                print("ValueError", e)
        return tracer

    return tracer


def skip_forward():
    out = []
    out.append(1)
    out.append(2)
    out.append(3)
    return out


def back_again():
    out = []
    out.append("a")
    out.append("b")
    return out


def into_loop():
    out = []
    for i in range(2):
        out.append(i)
    out.append("end")
    return out


def out_of_loop():
    out = []
    for i in range(3):
        out.append(i)
        out.append("x")
    out.append("end")
    return out


def into_except():
    out = []
    try:
        out.append(1)
    except ValueError:
        out.append(2)
    return out


def run(fn, at, to):
    base = fn.__code__.co_firstlineno
    sys.settrace(make_tracer(base + at, base + to, fn.__name__))
    r = fn()
    sys.settrace(None)
    print(fn.__name__, r)


run(skip_forward, 3, 5)
run(back_again, 4, 3)
run(into_loop, 2, 4)
run(out_of_loop, 4, 6)
run(into_except, 3, 6)
run(skip_forward, 3, 1000)
run(skip_forward, 3, -5)


def call_event_jump():
    def tr(frame, event, arg):
        if frame.f_code.co_name == "target" and event == "call":
            try:
                frame.f_lineno = frame.f_lineno + 1
            except ValueError as e:
                print("ValueError", e)
        return None

    def target():
        return 1

    sys.settrace(tr)
    target()
    sys.settrace(None)


call_event_jump()
try:
    sys._getframe().f_lineno = 3
except ValueError as e:
    print("ValueError", e)
