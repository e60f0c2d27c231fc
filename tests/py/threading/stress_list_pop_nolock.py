# list.pop is atomic: 16 threads drain one list without a lock, each element taken once.
import threading

N = 16
TOTAL = N * 20000
shared = list(range(TOTAL))
taken = [None] * N
start = threading.Barrier(N)

def drain(tid):
    mine = []
    pop = shared.pop
    start.wait()
    while True:
        try:
            mine.append(pop())
        except IndexError:
            break
    taken[tid] = mine

ts = [threading.Thread(target=drain, args=(t,)) for t in range(N)]
for t in ts: t.start()
for t in ts: t.join()
everything = [x for m in taken for x in m]
print("left:", len(shared), "taken:", len(everything))
print("exact:", sorted(everything) == list(range(TOTAL)))
# each thread saw decreasing values (pop takes from the end)
print("decreasing per thread:", all(all(a > b for a, b in zip(m, m[1:])) for m in taken))
