# 16 threads x 20,000 set operations under a Lock (add then discard half): exact final set.
import threading

N, OPS = 16, 20000
shared = set()
lock = threading.Lock()
start = threading.Barrier(N)
removed = [0]

def work(tid):
    start.wait()
    base = tid * OPS
    for i in range(OPS):
        with lock:
            shared.add(base + i)
            if i % 2 and (base + i - 1) in shared:
                shared.discard(base + i - 1)
                removed[0] += 1

ts = [threading.Thread(target=work, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
print("size:", len(shared), "removed:", removed[0], "sum:", len(shared) + removed[0])
print("only odd offsets remain:", all((x % OPS) % 2 == 1 for x in shared))
print("exact:", shared == {t * OPS + i for t in range(N) for i in range(1, OPS, 2)})
