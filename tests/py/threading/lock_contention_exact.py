# Contended Lock/RLock and a Condition with several producers and consumers: exact totals, no lost wake-up (a lost one hangs the program).
# Consumers take items in FIFO order, so the end markers added after the producers finish come after every item.
import threading
lock = threading.Lock(); rlock = threading.RLock()
n = [0, 0]
def w(k):
    for _ in range(5000):
        with lock:
            n[0] += 1
        with rlock:
            with rlock:
                n[1] += 1
ts = [threading.Thread(target=w, args=(i,)) for i in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print(n)
cond = threading.Condition(); items = []; got = []
def prod():
    for i in range(5000):
        with cond:
            items.append(i); cond.notify()
def cons():
    while True:
        with cond:
            while not items:
                cond.wait()
            x = items.pop(0)
        if x < 0: return
        got.append(x)
cs = [threading.Thread(target=cons) for _ in range(3)]
ps = [threading.Thread(target=prod) for _ in range(3)]
for t in cs + ps: t.start()
for t in ps: t.join()
with cond:
    items.extend([-1, -1, -1]); cond.notify_all()
for t in cs: t.join()
print(len(got), sum(got))
