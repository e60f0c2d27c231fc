# Four threads build and drop structures while each calls gc.collect() (local
# and global collections) over and over; a shared structure is mutated
# under a lock meanwhile. Every result must be exact.
import gc
import threading

N_THREADS = 4
ROUNDS = 25
shared = {}
shared_lock = threading.Lock()
results = [None] * N_THREADS
errors = []


def tree(depth, tag):
    if depth == 0:
        return [tag]
    return [tree(depth - 1, tag), {"d": depth, "t": tag}, tree(depth - 1, tag)]


def tree_sum(t):
    if len(t) == 1:
        return 1
    return tree_sum(t[0]) + t[1]["d"] + tree_sum(t[2])


def worker(k):
    try:
        kept = []
        total = 0
        for r in range(ROUNDS):
            tag = "w%d-%d" % (k, r)
            t = tree(5, tag)
            garbage = [{"g": i, "s": str(i) * 3} for i in range(200)]
            del garbage
            gc.collect(r % 3)
            kept.append((tag, t))
            total += tree_sum(t)
            with shared_lock:
                shared.setdefault(k, []).append([r, tag, (r, [tag])])
            if r % 5 == 4:
                # drop half of what was kept
                kept = kept[len(kept) // 2:]
                gc.collect()
        ok = all(tree_sum(t) == tree_sum(tree(5, tag)) and t[0][0][0][0][0] == [tag] for tag, t in kept)
        results[k] = (total, len(kept), ok)
    except Exception as e:  # pragma: no cover - reported below
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(k,)) for k in range(N_THREADS)]
for t in threads:
    t.start()
for i in range(20):
    gc.collect(i % 3)
for t in threads:
    t.join()
gc.collect()
print(errors)
print(results)
for k in range(N_THREADS):
    rows = shared[k]
    print(k, len(rows), all(row == [r, "w%d-%d" % (k, r), (r, ["w%d-%d" % (k, r)])] for r, row in enumerate(rows)))
