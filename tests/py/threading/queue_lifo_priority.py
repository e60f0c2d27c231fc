# LifoQueue and PriorityQueue ordering.
import queue
import threading

lq = queue.LifoQueue()
for x in "abcde":
    lq.put(x)
print("lifo:", "".join(lq.get() for _ in range(5)))

pq = queue.PriorityQueue()
for item in [(5, "five"), (1, "one"), (3, "three"), (2, "two"), (4, "four")]:
    pq.put(item)
print("priority:", [pq.get()[1] for _ in range(5)])

# filled from several threads, drained in priority order
pq2 = queue.PriorityQueue()
def fill(start):
    for i in range(start, 400, 4):
        pq2.put(i)
ts = [threading.Thread(target=fill, args=(s,)) for s in range(4)]
for t in ts: t.start()
for t in ts: t.join()
drained = [pq2.get_nowait() for _ in range(pq2.qsize())]
print("drained sorted:", drained == list(range(400)), len(drained))

bl = queue.LifoQueue(maxsize=1)
bl.put(1)
try:
    bl.put_nowait(2)
except queue.Full:
    print("lifo full")
print("subclasses of Queue:", issubclass(queue.LifoQueue, queue.Queue), issubclass(queue.PriorityQueue, queue.Queue))

class Job:
    def __init__(self, prio, name):
        self.prio, self.name = prio, name
    def __lt__(self, other):
        return self.prio < other.prio
jq = queue.PriorityQueue()
for p, n in [(2, "b"), (0, "z"), (1, "m")]:
    jq.put(Job(p, n))
print("custom __lt__:", [jq.get().name for _ in range(3)])
