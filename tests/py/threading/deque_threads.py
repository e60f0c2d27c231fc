# One deque shared by 8 threads without a user lock: append/appendleft/pop/
# popleft/rotate are atomic, so nothing is lost or duplicated; a bounded
# deque keeps exactly maxlen items; queue.SimpleQueue (built on deque) hands
# every item to exactly one consumer.
import threading
import queue
from collections import deque

T = 8
N = 4000
shared = deque()
start = threading.Barrier(T)


def produce(tid):
    start.wait()
    base = tid * N
    if tid % 2:
        for i in range(N):
            shared.append(base + i)
    else:
        for i in range(N):
            shared.appendleft(base + i)


ts = [threading.Thread(target=produce, args=(t,)) for t in range(T)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("produced", len(shared), sum(shared), sorted(shared) == list(range(T * N)))
# each producer's items keep their relative order
for tid in range(T):
    mine = [x for x in shared if x // N == tid]
    expect = list(range(tid * N, tid * N + N))
    print(tid, mine == (expect if tid % 2 else expect[::-1]))

taken = [None] * T


def consume(tid):
    mine = []
    pop = shared.popleft if tid % 2 else shared.pop
    start.wait()
    while True:
        try:
            mine.append(pop())
        except IndexError:
            break
    taken[tid] = mine


ts = [threading.Thread(target=consume, args=(t,)) for t in range(T)]
for t in ts:
    t.start()
for t in ts:
    t.join()
allv = [x for m in taken for x in m]
print("consumed", len(allv), sum(allv), len(set(allv)), len(shared))

# producers and consumers at the same time
work = deque()
produced_done = threading.Event()
got = [0] * T
sums = [0] * T


def producer(tid):
    start.wait()
    for i in range(N):
        work.append(tid * N + i)


def consumer(tid):
    start.wait()
    c = s = 0
    while True:
        try:
            v = work.popleft()
        except IndexError:
            if produced_done.is_set() and not work:
                break
            continue
        c += 1
        s += v
    got[tid] = c
    sums[tid] = s


prods = [threading.Thread(target=producer, args=(t,)) for t in range(T // 2)]
cons = [threading.Thread(target=consumer, args=(t,)) for t in range(T // 2)]
for t in prods + cons:
    t.start()
for t in prods:
    t.join()
produced_done.set()
for t in cons:
    t.join()
M = (T // 2) * N
print("mixed", sum(got), sum(sums) == M * (M - 1) // 2, len(work))

# a bounded deque under concurrent appends keeps exactly maxlen items
bounded = deque(maxlen=1000)


def fill(tid):
    start.wait()
    for i in range(N):
        if i % 2:
            bounded.append((tid, i))
        else:
            bounded.appendleft((tid, i))


ts = [threading.Thread(target=fill, args=(t,)) for t in range(T)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("bounded", len(bounded), bounded.maxlen, len(set(bounded)))

# concurrent rotations compose exactly
ring = deque(range(97))
K = 1000


def spin(tid):
    start.wait()
    for _ in range(K):
        ring.rotate(1 if tid % 2 else 3)


ts = [threading.Thread(target=spin, args=(t,)) for t in range(T)]
for t in ts:
    t.start()
for t in ts:
    t.join()
expect = deque(range(97))
expect.rotate((T // 2) * K * 1 + (T // 2) * K * 3)
print("rotate", ring == expect, ring[0], ring[-1], sum(ring))

# queue.SimpleQueue: 4 producers, 4 consumers, a sentinel per consumer
sq = queue.SimpleQueue()
results = [None] * (T // 2)


def sq_producer(tid):
    for i in range(N):
        sq.put(tid * N + i)


def sq_consumer(tid):
    c = s = 0
    while True:
        v = sq.get()
        if v is None:
            break
        c += 1
        s += v
    results[tid] = (c, s)


cons = [threading.Thread(target=sq_consumer, args=(t,)) for t in range(T // 2)]
prods = [threading.Thread(target=sq_producer, args=(t,)) for t in range(T // 2)]
for t in cons + prods:
    t.start()
for t in prods:
    t.join()
for _ in cons:
    sq.put(None)
for t in cons:
    t.join()
print("simplequeue", sum(c for c, _ in results), sum(s for _, s in results) == M * (M - 1) // 2, sq.empty())
