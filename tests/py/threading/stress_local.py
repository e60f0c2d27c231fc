# 16 threads hammer one shared threading.local and hand locals to each other:
# every thread sees only its own attributes, and the totals are exact.
import threading

N_THREADS = 16
ROUNDS = 20000

shared = threading.local()
barrier = threading.Barrier(N_THREADS)
totals = [None] * N_THREADS
handoff = [None] * N_THREADS
seen = [None] * N_THREADS

class Counter(threading.local):
    def __init__(self, start):
        self.n = start

counter = Counter(1000)

def worker(tid):
    shared.count = 0
    shared.tid = tid
    mine = threading.local()
    mine.owner = tid
    handoff[tid] = mine
    barrier.wait()
    for i in range(ROUNDS):
        shared.count += 1
        counter.n += 2
        if shared.tid != tid:
            raise AssertionError("saw another thread's attribute")
    # Read a neighbour's local: its attributes belong to its creator.
    other = handoff[(tid + 1) % N_THREADS]
    seen[tid] = (hasattr(other, "owner"), dict(other.__dict__))
    other.visitor = tid
    totals[tid] = (shared.count, counter.n, mine.owner, hasattr(mine, "visitor"))

threads = [threading.Thread(target=worker, args=(t,)) for t in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(all(t == (ROUNDS, 1000 + 2 * ROUNDS, i, False) for i, t in enumerate(totals)))
print(all(s == (False, {}) for s in seen))
print(hasattr(shared, "count"), counter.n)
