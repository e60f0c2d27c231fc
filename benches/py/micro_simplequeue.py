# Micro benchmark of queue.SimpleQueue (not run by run.py): put+get pairs in
# one thread, N puts then N gets, and a producer/consumer pair of threads;
# best of 3, per item. Usage: micro_simplequeue.py [native|python] [N]
# (python: queue._PySimpleQueue, the pure-Python fallback).
import sys, time, threading, queue
kind = sys.argv[1] if len(sys.argv) > 1 else "native"
N = int(sys.argv[2]) if len(sys.argv) > 2 else 200000
SQ = queue.SimpleQueue if kind == "native" else queue._PySimpleQueue

def one_thread():
    q = SQ()
    t0 = time.perf_counter()
    for i in range(N):
        q.put(i)
        q.get()
    return time.perf_counter() - t0

def one_thread_batched():
    q = SQ()
    t0 = time.perf_counter()
    for i in range(N):
        q.put(i)
    for i in range(N):
        q.get()
    return time.perf_counter() - t0

def prod_cons():
    q = SQ()
    total = [0]
    def consumer():
        s = 0
        get = SQ.get
        while True:
            x = get(q)
            if x is None:
                break
            s += x
        total[0] = s
    c = threading.Thread(target=consumer)
    t0 = time.perf_counter()
    c.start()
    for i in range(N):
        q.put(i)
    q.put(None)
    c.join()
    dt = time.perf_counter() - t0
    assert total[0] == N * (N - 1) // 2
    return dt

for name, f in [("put+get pairs, 1 thread", one_thread), ("N puts then N gets, 1 thread", one_thread_batched), ("producer/consumer threads", prod_cons)]:
    best = min(f() for _ in range(3))
    print(f"{kind:6s} {name:30s} {best:.3f} s  {best / N * 1e6:.3f} us/item")
