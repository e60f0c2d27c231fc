# _queue.SimpleQueue shared by many threads with no user lock: 4 producers
# x 20,000 items and 4 consumers lose and duplicate nothing, and each
# producer's items reach each consumer in order; blocked getters are woken
# by put (one item each) or time out; items made by one thread (fresh
# lists, strings, nested objects) stay intact while they wait in the queue
# and other threads allocate; a local queue filled before it is shared
# hands its items to another thread.
import _queue
import threading
import time

SQ = _queue.SimpleQueue
P, C, N = 4, 4, 20000

q = SQ()
seen = [None] * C
start = threading.Barrier(P + C)


def producer(p):
    start.wait()
    for i in range(N):
        q.put((p, i))


def consumer(c):
    start.wait()
    got = []
    while True:
        x = q.get()
        if x is None:
            break
        got.append(x)
    seen[c] = got


cs = [threading.Thread(target=consumer, args=(c,)) for c in range(C)]
ps = [threading.Thread(target=producer, args=(p,)) for p in range(P)]
for t in cs + ps:
    t.start()
for t in ps:
    t.join()
for _ in cs:
    q.put(None)
for t in cs:
    t.join()
allv = [x for g in seen for x in g]
print("count", len(allv), "distinct", len(set(allv)))
print("sum exact", sum(i for _, i in allv) == P * N * (N - 1) // 2)
print("each producer complete", all(sorted(i for p, i in allv if p == k) == list(range(N)) for k in range(P)))
in_order = True
for g in seen:
    last = {}
    for p, i in g:
        if last.get(p, -1) >= i:
            in_order = False
        last[p] = i
print("per-producer order kept", in_order, "left", q.qsize(), q.empty())

# get_nowait polling consumers against producers
q2 = SQ()
done = threading.Event()
counts = [0] * C
sums = [0] * C


def poller(c):
    n = s = 0
    while True:
        try:
            v = q2.get_nowait()
        except _queue.Empty:
            if done.is_set() and q2.empty():
                break
            continue
        n += 1
        s += v
    counts[c] = n
    sums[c] = s


def feeder(p):
    for i in range(5000):
        q2.put(p * 5000 + i)


pl = [threading.Thread(target=poller, args=(c,)) for c in range(C)]
fd = [threading.Thread(target=feeder, args=(p,)) for p in range(P)]
for t in pl + fd:
    t.start()
for t in fd:
    t.join()
done.set()
for t in pl:
    t.join()
M = P * 5000
print("polled", sum(counts), sum(sums) == M * (M - 1) // 2, q2.empty())

# blocked getters: each put wakes one; the others time out with Empty
q3 = SQ()
results = []
lock = threading.Lock()


def waiter(timeout):
    try:
        v = q3.get(timeout=timeout)
    except _queue.Empty:
        v = "timeout"
    with lock:
        results.append(v)


ws = [threading.Thread(target=waiter, args=(30,)) for _ in range(3)]
for t in ws:
    t.start()
time.sleep(0.1)
for v in ("x", "y", "z"):
    q3.put(v)
for t in ws:
    t.join()
print("woken", sorted(results))
results.clear()
t0 = time.monotonic()
ws = [threading.Thread(target=waiter, args=(0.1,)) for _ in range(3)]
for t in ws:
    t.start()
for t in ws:
    t.join()
print("timed out", results, time.monotonic() - t0 < 10)

# the main thread blocks in get until a worker puts
q4 = SQ()
th = threading.Thread(target=lambda: (time.sleep(0.05), SQ.put(q4, "late")))
th.start()
print("main got", q4.get())
th.join()

# items built by producers survive in the queue while everyone allocates
q5 = SQ()


def builder(p):
    for i in range(3000):
        q5.put([p, i, str(i) * 3, {"k": (i, [i] * 2)}])
        junk = [[j] * 10 for j in range(20)]


bs = [threading.Thread(target=builder, args=(p,)) for p in range(P)]
for t in bs:
    t.start()
for t in bs:
    t.join()
garbage = [list(range(50)) for _ in range(20000)]
del garbage
ok = 0
while not q5.empty():
    p, i, s, d = q5.get()
    if s == str(i) * 3 and d == {"k": (i, [i, i])}:
        ok += 1
print("intact", ok, P * 3000)

# a local queue, filled before a thread sees it
q6 = SQ()
for i in range(1000):
    q6.put({"n": i, "sq": [i * i]})
total = []


def drain():
    t = 0
    while True:
        try:
            item = q6.get_nowait()
        except _queue.Empty:
            break
        t += item["n"] + item["sq"][0]
    total.append(t)


d = threading.Thread(target=drain)
d.start()
d.join()
print("drained", total, sum(i + i * i for i in range(1000)))
