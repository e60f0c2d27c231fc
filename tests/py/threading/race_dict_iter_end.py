# Several threads step one dict (and set) iterator to its end, round after
# round: each entry is handed out exactly once, and reaching the end is never
# mistaken for a key change.
import threading

ROUNDS = 3000
NT = 4
start = threading.Barrier(NT + 1)
done = threading.Barrier(NT + 1)
box = [None]
got = [[] for _ in range(NT)]
errors = []


def worker(k):
    out = got[k]
    for _ in range(ROUNDS):
        start.wait()
        it = box[0]
        try:
            for x in it:
                out.append(x)
        except RuntimeError as e:
            errors.append(str(e))
        done.wait()


ts = [threading.Thread(target=worker, args=(k,)) for k in range(NT)]
for t in ts:
    t.start()
bad = 0
for r in range(ROUNDS):
    src = {r * 4 + j: j for j in range(3)} if r % 2 else {r * 4 + j for j in range(3)}
    box[0] = iter(src)
    start.wait()
    done.wait()
    items = sorted(sum(got, []))
    for g in got:
        g.clear()
    if items != sorted(src):
        bad += 1
for t in ts:
    t.join()
print("rounds", ROUNDS, "wrong item sets", bad)
print("errors", len(errors), sorted(set(errors)))
