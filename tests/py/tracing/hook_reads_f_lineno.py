# A trace hook that reads frame.f_lineno (and f_lasti's parity) at every
# event, as coverage.py's pure-Python tracer does: the line of each event,
# in loops (back edges), multi-line statements, handlers and generators.
import sys

seen = []


def hook(frame, event, arg):
    if frame.f_code.co_name in ("work", "gen"):
        seen.append((frame.f_code.co_name, event, frame.f_lineno - first))
    return hook


def gen(n):
    for i in range(n):
        yield (i *
               2)


def work(n):
    total = 0
    i = 0
    while i < n:
        total += i
        i += 1
    data = [
        x
        for x in gen(2)
    ]
    try:
        {}[total]
    except KeyError:
        total = -total
    return total, data


first = work.__code__.co_firstlineno
sys.settrace(hook)
r = work(3)
sys.settrace(None)
print(r)
for s in seen:
    print(*s)
f = sys._getframe()
print(f.f_lineno, f.f_lineno == sys._getframe().f_lineno - 1)
