# dict.setdefault and dict.pop race without a lock and stay consistent.
import threading

N, OPS = 16, 20000
buckets = {}
start = threading.Barrier(N)

def group(tid):
    start.wait()
    for i in range(OPS):
        # all threads race to create the same 50 lists; setdefault returns the winner
        buckets.setdefault(i % 50, []).append(tid)

ts = [threading.Thread(target=group, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
print("buckets:", len(buckets), "items:", sum(len(v) for v in buckets.values()), "expected:", N * OPS)
print("per bucket:", sorted(set(len(v) for v in buckets.values())))

# every key is popped by exactly one thread
pool = {k: k * 3 for k in range(N * OPS)}
popped = [None] * N
start2 = threading.Barrier(N)
def popper(tid):
    mine = []
    start2.wait()
    for k in range(N * OPS):
        if (k + tid) % 4 == 0:          # each key is tried by 4 threads
            v = pool.pop(k, None)
            if v is not None:
                mine.append((k, v))
    popped[tid] = mine

ts = [threading.Thread(target=popper, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
allpopped = [kv for m in popped for kv in m]
print("popped:", len(allpopped), "left:", len(pool))
print("each once:", len({k for k, _ in allpopped}) == len(allpopped))
print("values right:", all(v == k * 3 for k, v in allpopped))
print("leftover keys:", sorted(pool)[:4], len(pool) + len(allpopped) == N * OPS)
