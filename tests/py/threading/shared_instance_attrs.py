# Threads adding, replacing and reading attributes of the same instances at
# once: every attribute stored is there afterwards, in a consistent state,
# whether the instances keep them inline or move them to a dict meanwhile.
import threading

N_THREADS = 4
N_OBJS = 300


class O:
    pass


def run_all(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join()


objs = [O() for _ in range(N_OBJS)]
start = threading.Barrier(N_THREADS)


def adder(k):
    start.wait()
    for o in objs:
        setattr(o, "f%d" % k, k)
        o.common = k


run_all([threading.Thread(target=adder, args=(k,)) for k in range(N_THREADS)])
want = sorted(["common"] + ["f%d" % k for k in range(N_THREADS)])
print(sum(1 for o in objs if sorted(vars(o)) == want))
print(sum(1 for o in objs if o.common in range(N_THREADS)))

# Writers replacing values while readers check that a pair written as one
# step under a lock is never seen half-changed, and a thread moving some
# instances to dict mode (by reading __dict__) meanwhile.


class Pair:
    def __init__(self):
        self.a = 0
        self.b = 0


pairs = [Pair() for _ in range(50)]
lock = threading.Lock()
stop = threading.Event()
bad = []


def writer(k):
    for i in range(3000):
        p = pairs[(i * 7 + k) % len(pairs)]
        with lock:
            p.a = i
            p.b = -i


def reader():
    seen = 0
    while not stop.is_set():
        for p in pairs:
            with lock:
                if p.a != -p.b:
                    bad.append((p.a, p.b))
            seen += 1
    return seen


def mover():
    for i, p in enumerate(pairs):
        if i % 2:
            vars(p)


ws = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
rs = [threading.Thread(target=reader) for _ in range(2)]
m = threading.Thread(target=mover)
for t in rs + ws + [m]:
    t.start()
for t in ws + [m]:
    t.join()
stop.set()
for t in rs:
    t.join()
print(bad, all(p.a == -p.b for p in pairs))

# Counters on shared instances, incremented under a lock: no update lost.


class Counter:
    def __init__(self):
        self.n = 0


counters = [Counter() for _ in range(8)]


def bump(k):
    for i in range(5000):
        c = counters[i % 8]
        with lock:
            c.n += 1
        if i == 2500 and k == 0:
            c.extra = True


run_all([threading.Thread(target=bump, args=(k,)) for k in range(N_THREADS)])
print(sum(c.n for c in counters), [c.n for c in counters])
