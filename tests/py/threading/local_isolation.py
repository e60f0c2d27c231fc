# threading.local: each thread sees its own attributes.
import threading

data = threading.local()
data.value = "main"
barrier = threading.Barrier(4)
seen = {}
lock = threading.Lock()

def body(i):
    had = hasattr(data, "value")
    data.value = i
    barrier.wait()           # everyone has written before anyone reads
    data.value += 100
    with lock:
        seen[i] = (had, data.value)

threads = [threading.Thread(target=body, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for i in sorted(seen):
    print(i, seen[i])
print("main still:", data.value)

# A subclass of local runs __init__ once per thread with the constructor's arguments.
class Counter(threading.local):
    inits = 0
    def __init__(self, start):
        self.count = start
        with lock:
            Counter.inits += 1
    def bump(self):
        self.count += 1
        return self.count

c = Counter(10)
out = []
def use():
    for _ in range(5):
        r = c.bump()
    with lock:
        out.append(r)
ts = [threading.Thread(target=use) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print("per-thread results:", out)
print("inits:", Counter.inits, "main count:", c.count)

# deleting an attribute only affects the current thread
data.other = 1
def check():
    seen["other"] = hasattr(data, "other")
t = threading.Thread(target=check); t.start(); t.join()
del data.other
print("worker saw other:", seen["other"], "main has other:", hasattr(data, "other"))
try:
    data.missing
except AttributeError as e:
    print("AttributeError:", e)
