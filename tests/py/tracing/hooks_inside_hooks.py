# What a trace or profile function does while it runs: its own calls and
# lines report nothing, sys.settrace inside it takes effect after it
# returns, and a hook that removes itself stops the events at once.
import sys

log = []


def helper(x):
    y = x + 1
    return y


def work(n):
    total = 0
    for i in range(n):
        total += i
    return total


def quiet_tracer(frame, event, arg):
    # Calls a Python function on every event: no events for it.
    helper(1)
    log.append((event, frame.f_code.co_name, frame.f_lineno - work.__code__.co_firstlineno))
    return quiet_tracer


sys.settrace(quiet_tracer)
work(2)
sys.settrace(None)
print("quiet", log)

log.clear()


log.clear()
seen = []


def second(frame, event, arg):
    seen.append(("second", event, frame.f_code.co_name))
    return second


def switching(frame, event, arg):
    seen.append(("first", event, frame.f_code.co_name))
    if event == "line":
        # Takes over from the next call on; this frame keeps its f_trace.
        sys.settrace(second)
    return switching


sys.settrace(switching)
work(1)
helper(0)
sys.settrace(None)
print("switching", seen)

seen.clear()
count = [0]


def once(frame, event, arg):
    count[0] += 1
    seen.append((event, frame.f_code.co_name))
    sys.settrace(None)
    frame.f_trace = None
    return None


sys.settrace(once)
work(3)
helper(2)
print("once", count[0], seen, sys.gettrace())

prof = []


def profiler(frame, event, arg):
    if event in ("call", "return"):
        helper(0)
        prof.append((event, frame.f_code.co_name))


sys.setprofile(profiler)
work(2)
sys.setprofile(None)
print("profile", prof)


def raising(frame, event, arg):
    if event == "line":
        raise ValueError("from the tracer")
    return raising


sys.settrace(raising)
try:
    work(1)
except ValueError as e:
    print("tracer raised:", e, sys.gettrace())
print(work(4))

# sys.settrace(None) inside the trace function, f_trace left set: the frame
# it traces reports nothing more. And f_trace alone, with no trace function
# set, hears nothing.
seen = []


def stop_tracer(frame, event, arg):
    seen.append((event, frame.f_code.co_name))
    if event == "line":
        sys.settrace(None)
    return stop_tracer


sys.settrace(stop_tracer)
work(3)
print("stopped", seen, sys.gettrace())
seen.clear()


def f_trace_only(frame, event, arg):
    seen.append((event, frame.f_code.co_name))
    return f_trace_only


def with_local_trace():
    sys._getframe().f_trace = f_trace_only
    x = 1
    return x + 1


with_local_trace()
print("f_trace alone:", seen)
