# 16 threads x 20,000 appends to one list under a Lock: exact length and contents.
import threading

N, OPS = 16, 20000
shared = []
lock = threading.Lock()
start = threading.Barrier(N)

def work(tid):
    start.wait()
    base = tid * OPS
    for i in range(OPS):
        with lock:
            shared.append(base + i)

ts = [threading.Thread(target=work, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
print("len:", len(shared), "expected:", N * OPS)
print("sum:", sum(shared), "expected:", (N * OPS - 1) * N * OPS // 2)
print("all distinct:", len(set(shared)) == N * OPS)
# each thread's items appear in the order it appended them
last = [-1] * N
ordered = True
for x in shared:
    tid, i = divmod(x, OPS)
    if i <= last[tid]:
        ordered = False
    last[tid] = i
print("per-thread order kept:", ordered)
