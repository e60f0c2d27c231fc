# 16 threads pull from one generator with no lock. A thread that finds the generator
# running gets "ValueError: generator already executing" and retries; every item is
# still produced exactly once and nothing crashes.
import threading

N = 16
TOTAL = 40000

def numbers():
    for i in range(TOTAL):
        yield i * 2

g = numbers()
got = [None] * N
clashes = [0] * N
start = threading.Barrier(N)

def pull(tid):
    mine = []
    start.wait()
    while True:
        try:
            mine.append(next(g))
        except ValueError as e:
            assert str(e) == "generator already executing", e
            clashes[tid] += 1
        except StopIteration:
            break
    got[tid] = mine

ts = [threading.Thread(target=pull, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
everything = sorted(x for m in got for x in m)
print("items:", len(everything), "exact:", everything == list(range(0, 2 * TOTAL, 2)))
print("each thread's items increase:", all(all(a < b for a, b in zip(m, m[1:])) for m in got))
print("exhausted:", next(g, "done"))
