# cProfile and pstats over _lsprof: call counts, primitive calls and
# function names (times are not printed: they vary).
import cProfile
import io
import pstats


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def main():
    out = []
    for i in range(6):
        out.append(fib(i))
    return sorted(out, reverse=True)


pr = cProfile.Profile()
pr.enable()
result = main()
pr.disable()
print(result)
st = pstats.Stats(pr, stream=io.StringIO())
rows = []
for (filename, line, name), (cc, nc, tt, ct, callers) in st.stats.items():
    if filename == "~":
        label = name
    else:
        label = "%s:%d(%s)" % (filename.rsplit("/", 1)[-1], line, name)
    rows.append((label, nc, cc, sorted(k[2] for k in callers)))
for r in sorted(rows):
    print(*r)
print(st.total_calls, st.prim_calls)

entries = pr.getstats()
e = [x for x in entries if getattr(x.code, "co_name", None) == "fib"][0]
print(type(e).__name__, e.callcount, e.reccallcount, type(e.totaltime).__name__)
sub = sorted((getattr(s.code, "co_name", s.code), s.callcount) for s in e.calls)
print(sub)
pr.clear()
print(pr.getstats())

import _lsprof
p = _lsprof.Profiler(subcalls=False, builtins=False)
p.enable()
len([1])
main()
p.disable()
names = sorted(getattr(x.code, "co_name", x.code) for x in p.getstats())
print(names, [x.calls for x in p.getstats()][:1])
