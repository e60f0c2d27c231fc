# queue.Queue: FIFO order, size queries, producers and consumers.
import queue
import threading

q = queue.Queue()
print("empty:", q.empty(), "qsize:", q.qsize(), "full:", q.full(), "maxsize:", q.maxsize)
for i in range(5):
    q.put(i)
print("qsize:", q.qsize(), [q.get() for _ in range(5)])

bq = queue.Queue(maxsize=2)
bq.put("a"); bq.put("b")
print("bounded full:", bq.full(), bq.qsize())
print(bq.get(), bq.get(), bq.empty())

# 4 producers, 3 consumers, sentinel shutdown
work = queue.Queue(maxsize=10)
out = queue.Queue()
def producer(p):
    for i in range(250):
        work.put(p * 1000 + i)
def consumer():
    total = 0
    while True:
        x = work.get()
        if x is None:
            out.put(total)
            return
        total += x
prods = [threading.Thread(target=producer, args=(p,)) for p in range(4)]
cons = [threading.Thread(target=consumer) for _ in range(3)]
for t in prods + cons: t.start()
for t in prods: t.join()
for _ in cons: work.put(None)
for t in cons: t.join()
totals = [out.get() for _ in cons]
print("sum:", sum(totals), "expected:", sum(p * 1000 + i for p in range(4) for i in range(250)))

# per-producer order is preserved through a FIFO queue
fifo = queue.Queue()
def seq(tag):
    for i in range(100):
        fifo.put((tag, i))
ts = [threading.Thread(target=seq, args=(t,)) for t in "xyz"]
for t in ts: t.start()
for t in ts: t.join()
got = [fifo.get() for _ in range(300)]
print("in order per producer:", all([i for tg, i in got if tg == t] == list(range(100)) for t in "xyz"))
