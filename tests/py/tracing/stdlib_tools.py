# The pure-Python tools on top of the hooks: trace (line counts), profile
# (the Python profiler), timeit and bdb.
import bdb
import io
import profile
import pstats
import timeit
import trace


def countdown(n):
    total = 0
    while n:
        total += n
        n -= 1
    return total


tr = trace.Trace(count=1, trace=0)
tr.runfunc(countdown, 3)
counts = tr.results().counts
base = countdown.__code__.co_firstlineno
print(sorted((line - base, n) for (fn, line), n in counts.items() if fn == __file__))

p = profile.Profile()
p.runcall(countdown, 5)
st = pstats.Stats(p, stream=io.StringIO())
print(sorted((name.split(" at ")[0], nc) for (fn, line, name), (cc, nc, tt, ct, callers) in st.stats.items()))

t = timeit.Timer("x = sum(range(10))")
n = t.timeit(number=50)
print(type(n).__name__, n >= 0)
print(len(t.repeat(repeat=3, number=10)))
print(timeit.timeit("pass", number=3) >= 0)


class Tracker(bdb.Bdb):
    def __init__(self):
        super().__init__()
        self.lines = []

    def user_line(self, frame):
        if frame.f_code.co_name == "countdown":
            self.lines.append(frame.f_lineno - base)
        self.set_step()

    def user_return(self, frame, value):
        if frame.f_code.co_name == "countdown":
            self.lines.append(("return", value))


b = Tracker()
b.runcall(countdown, 2)
print(b.lines)

b2 = Tracker()
b2.set_break(__file__, base + 4)
print(b2.get_all_breaks())
b2.clear_all_breaks()
