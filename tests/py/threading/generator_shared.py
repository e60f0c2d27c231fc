# A generator running in one thread cannot be resumed by another: ValueError.
import threading

inside = threading.Event()
proceed = threading.Event()

def gen():
    inside.set()
    proceed.wait()
    yield 1
    yield 2

g = gen()
got = []
t = threading.Thread(target=lambda: got.append(next(g)))
t.start()
inside.wait()
try:
    next(g)
except ValueError as e:
    print("ValueError:", e)
try:
    g.send(None)
except ValueError as e:
    print("send ValueError:", e)
proceed.set()
t.join()
print("worker got:", got)
print("main gets next:", next(g))
print("exhausted:", list(g))

# a generator consumed by many threads under a lock yields each item exactly once
lock = threading.Lock()
src = (i for i in range(10000))
taken = []
def drain():
    mine = []
    while True:
        with lock:
            x = next(src, None)
        if x is None:
            break
        mine.append(x)
    with lock:
        taken.extend(mine)
ts = [threading.Thread(target=drain) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("items:", len(taken), sorted(taken) == list(range(10000)))

# a yield-from chain pulled by several threads under a lock: every frame of
# the chain moves between threads, its locals intact
def level(n, lo, hi):
    span = (lo, hi)
    if n == 0:
        for i in range(lo, hi):
            yield i
        return span
    mid = (lo + hi) // 2
    a = yield from level(n - 1, lo, mid)
    b = yield from level(n - 1, mid, hi)
    assert span == (a[0], b[1]), (span, a, b)
    return span

chain = level(6, 0, 6400)
got2 = []
def pull():
    mine = []
    while True:
        with lock:
            x = next(chain, None)
        if x is None:
            break
        mine.append(x)
    with lock:
        got2.extend(mine)
ts = [threading.Thread(target=pull) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("chain items:", len(got2), sorted(got2) == list(range(6400)))

# the same chain pulled with one-argument next() (the generator's frame runs
# in the puller's loop) and StopIteration as the end
chain = level(5, 0, 3200)
got3 = []
def pull_next():
    mine = []
    while True:
        with lock:
            try:
                x = next(chain)
            except StopIteration:
                break
        mine.append(x)
    with lock:
        got3.extend(mine)
ts = [threading.Thread(target=pull_next) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("next items:", len(got3), sorted(got3) == list(range(3200)))
