# 16 threads x 20,000 read-modify-write updates of one dict under a Lock: exact counts.
import threading

N, OPS = 16, 20000
counts = {}
lock = threading.Lock()
start = threading.Barrier(N)

def work(tid):
    start.wait()
    for i in range(OPS):
        key = (i * 7 + tid) % 64
        with lock:
            counts[key] = counts.get(key, 0) + 1

ts = [threading.Thread(target=work, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
expected = {}
for tid in range(N):
    for i in range(OPS):
        key = (i * 7 + tid) % 64
        expected[key] = expected.get(key, 0) + 1
print("keys:", len(counts), "total:", sum(counts.values()), "expected:", N * OPS)
print("exact per key:", counts == expected)
print("min/max:", min(counts.values()), max(counts.values()))
