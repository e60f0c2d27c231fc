# list.append is atomic: 16 threads x 20,000 appends with no lock lose nothing.
import threading

N, OPS = 16, 20000
shared = []
start = threading.Barrier(N)

def work(tid):
    append = shared.append
    start.wait()
    for i in range(tid * OPS, (tid + 1) * OPS):
        append(i)

ts = [threading.Thread(target=work, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
print("len:", len(shared), "expected:", N * OPS)
print("contents exact:", sorted(shared) == list(range(N * OPS)))
