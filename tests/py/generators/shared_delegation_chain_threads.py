# Threads pulling from one generator that delegates through a chain of
# `yield from`: every value is delivered exactly once, and a thread that
# finds the chain running gets "generator already executing", never a
# value twice or a corrupted generator.
import threading

N = 20000


def source(lo, hi):
    for i in range(lo, hi):
        yield i


def level(depth, lo, hi):
    if depth == 0:
        yield from source(lo, hi)
    else:
        mid = (lo + hi) // 2
        yield from level(depth - 1, lo, mid)
        yield from level(depth - 1, mid, hi)


g = level(6, 0, N)
got = [[] for _ in range(4)]
busy = [0] * 4


def pull(k):
    out = got[k]
    while True:
        try:
            out.append(next(g))
        except ValueError as e:
            assert str(e) == "generator already executing", e
            busy[k] += 1
        except StopIteration:
            return


threads = [threading.Thread(target=pull, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
values = sorted(v for part in got for v in part)
print(len(values), values == list(range(N)))
print(sum(len(p) for p in got))
