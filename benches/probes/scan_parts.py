# Probe: per-thread timings of the parts of scale_scan_tuple.py.
# Usage: scan_parts.py MODE N W shared|private -- MODE is it (iterate the tuple),
# ix (index it) or loop (the same loop without the tuple); each of N threads
# times its own part after a barrier; prints the slowest thread.
import sys, threading, time
SIZE = 10000000
def it_part(shared, w):
    acc = 0; i = 0
    for x in shared:
        if i >= w: break
        acc += x & 15; i += 1
    return acc
def ix_part(shared, tid, w):
    size = len(shared); pos = (tid * 7919) % size; acc = 0
    for _ in range(w):
        acc += shared[pos] & 7
        pos += 1
        if pos == size: pos = 0
    return acc
def loop_part(shared, tid, w):
    acc = 0; pos = 0
    for _ in range(w):
        acc += pos & 7
        pos += 1
        if pos == 10: pos = 0
    return acc
mode, n, w, private = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "private"
shared = tuple(range(SIZE))
res = [0] * n
def run(tid):
    t = tuple(range(SIZE)) if private else shared
    bar.wait()
    t0 = time.perf_counter()
    if mode == "it": res[tid] = it_part(t, w)
    elif mode == "ix": res[tid] = ix_part(t, tid, w)
    else: res[tid] = loop_part(t, tid, w)
    times[tid] = time.perf_counter() - t0
times = [0.0] * n
bar = threading.Barrier(n)
ths = [threading.Thread(target=run, args=(i,)) for i in range(n)]
for t in ths: t.start()
for t in ths: t.join()
print(mode, n, "private" if private else "shared", "max %.3f" % max(times))
