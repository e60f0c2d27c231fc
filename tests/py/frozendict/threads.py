# frozendict shared between threads: any number of threads read one
# frozendict (lookups, iteration, views, hashing, unions) at the same time
# and all see the same data.
try:
    frozendict
except NameError:
    from _fdref import frozendict
import threading

N = 4
fd = frozendict((i, i * 3) for i in range(20000))
expected = sum(range(20000)) * 3
results = [None] * N


def reader(t):
    total = 0
    for i in range(t, 20000, N):
        total += fd[i]
    it_sum = sum(fd.values())
    keys_ok = list(fd)[:10] == list(range(10))
    h = hash(fd)
    mine = fd | {-1 - t: t}
    results[t] = (total, it_sum == expected, keys_ok, h == hash(fd), len(mine), mine[-1 - t])


threads = [threading.Thread(target=reader, args=(t,)) for t in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sum(r[0] for r in results) == expected)
for r in results:
    print(r[1:])
print(len(fd), fd[19999])

# One iterator shared by threads hands each key out once.
it = iter(fd)
seen = [[] for _ in range(N)]


def drain(t):
    for k in it:
        seen[t].append(k)


threads = [threading.Thread(target=drain, args=(t,)) for t in range(N)]
for t in threads:
    t.start()
for t in threads:
    t.join()
allk = sorted(k for s in seen for k in s)
print(len(allk), allk == list(range(20000)))
