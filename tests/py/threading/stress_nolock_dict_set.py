# d[k] = v and set.add are atomic: disjoint keys written by 16 threads with no lock all land.
import threading

N, OPS = 16, 20000
d = {}
s = set()
start = threading.Barrier(N)

def work(tid):
    start.wait()
    for i in range(OPS):
        k = i * N + tid
        d[k] = tid
        s.add(k)

ts = [threading.Thread(target=work, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
print("dict len:", len(d), "set len:", len(s), "expected:", N * OPS)
print("values right:", all(v == k % N for k, v in d.items()))
print("set exact:", s == set(range(N * OPS)))
# same keys overwritten by all threads: one of the written values survives for each
shared = {}
def overwrite(tid):
    for i in range(2000):
        shared[i % 100] = tid
ts = [threading.Thread(target=overwrite, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
print("overwrite keys:", len(shared), "values valid:", all(0 <= v < N for v in shared.values()))
