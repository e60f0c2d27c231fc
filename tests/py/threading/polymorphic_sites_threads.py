# Threads run one method over instances of many classes at once: the
# method's attribute sites fill their further cache entries concurrently,
# and every load and store still reads and writes the right object.
import threading


class Base:
    def __init__(self):
        self.count = 0
        self.total = 0

    def bump(self, k):
        self.count = self.count + 1
        self.total = self.total + k * self.weight()
        return self.count

    def weight(self):
        return 1


def make(i):
    return type("T%d" % i, (Base,), {"weight": lambda self, w=i + 1: w})


classes = [make(i) for i in range(7)]
N = 3000


def work(objs, out, idx):
    for k in range(N):
        for o in objs:
            o.bump(k)
    out[idx] = [(o.count, o.total) for o in objs]


shared = [c() for c in classes]  # reached from a global: shared objects
lock = threading.Lock()


def shared_work():
    for k in range(N):
        for o in shared:
            with lock:
                o.bump(1)


results = [None] * 4
threads = [
    threading.Thread(target=work, args=([c() for c in classes], results, i))
    for i in range(4)
]
threads += [threading.Thread(target=shared_work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
expect = [(N, (i + 1) * N * (N - 1) // 2) for i in range(7)]
print(all(r == expect for r in results))
print([(o.count, o.total) for o in shared])
