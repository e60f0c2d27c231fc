# 16 threads x 20,000 increments of an object attribute and a global under a Lock.
import threading

N, OPS = 16, 20000

class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()
    def incr(self, by=1):
        with self.lock:
            self.value += by

c = Counter()
total = 0
glock = threading.Lock()
start = threading.Barrier(N)

def work(tid):
    global total
    start.wait()
    for i in range(OPS):
        c.incr()
        if i % 4 == 0:
            with glock:
                total += tid

ts = [threading.Thread(target=work, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
print("counter:", c.value, "expected:", N * OPS)
print("global:", total, "expected:", sum(range(N)) * (OPS // 4))
