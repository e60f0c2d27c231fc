# The profiler sees builtins called through f(*args, **kwargs) (c_call/c_return
# around the CALL_FUNCTION_EX), and a cProfile timer that fails counts as 0 with
# its error sent to sys.unraisablehook, never to the profiled program.
import cProfile, pstats, io, sys
def f(*a, **k):
    return max(*a, **k)
pr = cProfile.Profile()
pr.enable()
max([0], **dict(key=int))
args = ([3, 1, 2],)
sorted(*args, **{"reverse": True})
f([1, 2], key=abs)
try:
    int(*("x",))
except ValueError:
    pass
try:
    len(*(1, 2))
except TypeError:
    pass
pr.disable()
s = io.StringIO()
st = pstats.Stats(pr, stream=s)
for (fn, line, name), (cc, nc, tt, ct, callers) in sorted(st.stats.items(), key=lambda kv: str(kv[0])):
    print(fn if fn == "~" else fn.rsplit("/", 1)[-1], name, nc)
events = []
def prof(frame, event, arg):
    if event.startswith("c_"):
        events.append((event, getattr(arg, "__name__", "?")))
sys.setprofile(prof)
max(*[[1, 2]], **{})
print(*("a", "b"), sep="-")
sys.setprofile(None)
print(events)
import _lsprof
seen = []
sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, u.object.__name__ if hasattr(u.object, "__name__") else u.object))
def bad_timer():
    return int
obj = _lsprof.Profiler(bad_timer)
obj.enable()
x = sum([1, 2])
obj.disable()
print(seen[:2], len(seen) > 0)
def raising():
    raise RuntimeError("no clock")
seen.clear()
p = _lsprof.Profiler(raising)
p.enable(); len([]); p.disable()
print(seen[:1])
t = iter(range(100, 10**6, 7)).__next__
p = _lsprof.Profiler(t, 0.001)
p.enable(); sorted([3, 1]); p.disable()
print(sorted(str(e.code) for e in p.getstats()))
