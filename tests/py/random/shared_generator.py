# One generator shared by threads: every call is atomic, so together the
# threads draw exactly the numbers one thread would have drawn.
import threading
import _random

SEED, THREADS, EACH = 77, 4, 2000

shared = _random.Random(SEED)
drawn = [[] for _ in range(THREADS)]


def work(i):
    out = drawn[i]
    for k in range(EACH):
        if k % 2:
            out.append(shared.random())
        else:
            out.append(shared.getrandbits(64) / 2**64)


threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

# random() and getrandbits(64) both consume two 32-bit outputs: whatever
# the interleaving, the state advanced by the same total.
alone = _random.Random(SEED)
for _ in range(THREADS * EACH):
    alone.getrandbits(64)
print(shared.getstate() == alone.getstate())
print(sum(len(d) for d in drawn), all(0.0 <= x < 1.0 for d in drawn for x in d))
