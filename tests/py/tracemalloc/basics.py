# tracemalloc: starting and stopping, the traceback limit, where objects
# were allocated, snapshots, and the argument errors.
import os
import tracemalloc


class Thing:
    __slots__ = ("n",)

    def __init__(self, n):
        self.n = n


def make(n):
    return Thing(n)


def outer(n):
    return make(n)


def show(tb):
    if tb is None:
        print("  no traceback")
        return
    print("  frames:", len(tb))
    for fr in tb:
        print("   ", os.path.basename(fr.filename), fr.lineno)


print("tracing at start:", tracemalloc.is_tracing())
print("limit before start:", tracemalloc.get_traceback_limit())
print("memory when stopped:", tracemalloc.get_traced_memory())
print("traces when stopped:", tracemalloc._get_traces())
print("object traceback when stopped:", tracemalloc.get_object_traceback(object()))

tracemalloc.start()
print("tracing:", tracemalloc.is_tracing(), "limit:", tracemalloc.get_traceback_limit())
t = outer(1)
show(tracemalloc.get_object_traceback(t))
tracemalloc.stop()

tracemalloc.start(3)
print("limit:", tracemalloc.get_traceback_limit())
t2 = outer(2)
show(tracemalloc.get_object_traceback(t2))
# start() while tracing keeps the limit it started with.
tracemalloc.start(10)
print("limit after second start:", tracemalloc.get_traceback_limit())

cur, peak = tracemalloc.get_traced_memory()
print("current > 0:", cur > 0, "peak >= current:", peak >= cur)
tracemalloc.reset_peak()
cur, peak = tracemalloc.get_traced_memory()
print("after reset_peak, peak >= current:", peak >= cur)
print("tracemalloc memory > 0:", tracemalloc.get_tracemalloc_memory() > 0)

things = [outer(i) for i in range(50)]
snap = tracemalloc.take_snapshot()
snap = snap.filter_traces([tracemalloc.Filter(True, __file__)])
stats = snap.statistics("lineno")
lines = sorted({st.traceback[0].lineno for st in stats})
print("a statistic for line 15:", 15 in lines)
by_line = {st.traceback[0].lineno: st.count for st in stats}
print("at least 50 objects on line 15:", by_line.get(15, 0) >= 50)

raw = tracemalloc._get_traces()
print("trace shape:", all(len(x) == 4 and x[0] == 0 for x in raw))
print("total_nframe >= frames:", all(x[3] >= len(x[2]) for x in raw))

tracemalloc.clear_traces()
print("after clear_traces:", tracemalloc.get_object_traceback(t2), tracemalloc.is_tracing())
tracemalloc.stop()
print("after stop:", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
print("limit kept after stop:", tracemalloc.get_traceback_limit())

for bad in (0, -1, 65536, 2**40, 1.5, "3"):
    try:
        tracemalloc.start(bad)
        print("started with", bad)
        tracemalloc.stop()
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    tracemalloc.start(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("RuntimeError", e)
print("tracing at end:", tracemalloc.is_tracing())
