# Lock-free lookups of keys that are always present, while other threads
# insert and delete other keys of the same dict and hit a small shared
# lru_cache (each hit moves its key to the end of the cache's dict): no
# lookup may miss a present key or see a wrong value.
import threading, functools
d = {k: k for k in range(64)}
stop = threading.Event()
bad = []
def churn(seed):
    x = seed
    for i in range(200000):
        x = (x * 1103515245 + 12345) % 2147483648
        k = 1000 + x % 512
        if x & 1:
            d[k] = k
        else:
            d.pop(k, None)
def reader():
    b = 0
    while not stop.is_set():
        for k in range(64):
            if d.get(k) != k: b += 1
            if k not in d: b += 1
            try:
                if d[k] != k: b += 1
            except KeyError:
                b += 1
    bad.append(b)
@functools.lru_cache(maxsize=16)
def sq(n): return n * n
wrong = []
def lru_user(seed):
    x = seed; b = 0
    for i in range(150000):
        x = (x * 69069 + 1) % 4294967296
        n = x % 24 if x & 3 else 3
        if sq(n) != n * n: b += 1
    wrong.append(b)
ts = [threading.Thread(target=churn, args=(s,)) for s in (1, 2)] + [threading.Thread(target=lru_user, args=(s,)) for s in (5, 6)]
rs = [threading.Thread(target=reader) for _ in range(2)]
for t in ts + rs: t.start()
for t in ts: t.join()
stop.set()
for t in rs: t.join()
info = sq.cache_info()
print("reader misses", bad, "lru wrong", wrong, "size", info.currsize, "calls", info.hits + info.misses)
