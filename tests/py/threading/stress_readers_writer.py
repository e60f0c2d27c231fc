# Readers race a writer on a shared list; they only ever see whole, valid values.
import threading

shared = [(0, 0)] * 64
stop = threading.Event()
lock = threading.Lock()
bad = []
reads = [0]

def writer():
    for gen in range(1, 20001):
        i = gen % 64
        shared[i] = (gen, gen * 2)          # replace an item
        if gen % 100 == 0:
            shared.append((gen, gen * 2))   # grow (storage may be reallocated)
        if gen % 150 == 0:
            shared.pop()                     # shrink
    stop.set()

def reader():
    n = 0
    while not stop.is_set():
        for j in range(64):
            v = shared[j]
            if not (type(v) is tuple and len(v) == 2 and v[1] == 2 * v[0]):
                with lock:
                    bad.append(v)
        snapshot = list(shared)
        for v in snapshot:
            if v[1] != 2 * v[0]:
                with lock:
                    bad.append(v)
        n += 1
    with lock:
        reads[0] += n

rs = [threading.Thread(target=reader) for _ in range(7)]
w = threading.Thread(target=writer)
for r in rs: r.start()
w.start()
w.join()
for r in rs: r.join()
print("bad values:", bad)
print("final len:", len(shared), "expected:", 64 + 20000 // 100 - 20000 // 150)
print("readers ran:", reads[0] > 0)
print("all valid:", all(v[1] == 2 * v[0] for v in shared))
