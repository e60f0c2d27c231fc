# threading.local: a thread started later never sees a finished thread's
# attributes, even if it reuses the finished thread's ident.
import threading

data = threading.local()
data.x = "main"


class Tracked:
    def __init__(self, tag):
        self.tag = tag


seen = []


def worker(i):
    seen.append((i, hasattr(data, "x"), getattr(data, "y", None)))
    data.y = i
    data.obj = Tracked(i)


for rnd in range(3):
    ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
print(sorted(seen))
print(data.x, hasattr(data, "y"), hasattr(data, "obj"))


class Sub(threading.local):
    def __init__(self, v):
        self.v = v
        self.calls = getattr(self, "calls", 0) + 1


s = Sub(7)
out = []


def use_sub():
    out.append((s.v, s.calls))
    s.v += 1


ts = [threading.Thread(target=use_sub) for _ in range(3)]
for t in ts:
    t.start()
    t.join()
print(out, s.v, s.calls)
