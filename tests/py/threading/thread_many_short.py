# Many short-lived threads, started in waves; every result arrives and all threads go away.
import threading

results = [0] * 400
def job(i):
    results[i] = sum(range(i))

for wave in range(0, 400, 50):
    ts = [threading.Thread(target=job, args=(i,)) for i in range(wave, wave + 50)]
    for t in ts: t.start()
    for t in ts: t.join()
print("sum:", sum(results), "expected:", sum(sum(range(i)) for i in range(400)))
print("active after:", threading.active_count())

# threads starting threads
lock = threading.Lock()
leaves = []
def tree(depth, path):
    if depth == 0:
        with lock:
            leaves.append(path)
        return
    kids = [threading.Thread(target=tree, args=(depth - 1, path + str(k))) for k in range(3)]
    for k in kids: k.start()
    for k in kids: k.join()
tree(4, "")
print("leaves:", len(leaves), sorted(leaves)[:3], sorted(leaves)[-1])
print("active at end:", threading.active_count())
