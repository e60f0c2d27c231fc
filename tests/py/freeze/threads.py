# Threads and frozen objects: four threads read one frozen structure with
# no lock and get exact sums; writers are refused in every thread; a freeze
# racing with appends from other threads is all or nothing (every append
# either landed before the freeze, and the frozen list holds it, or was
# refused). Blessed on CPython with the model in _freezeref.py.
try:
    import protopy

    def attempt(target, fn):
        return fn()
except ImportError:
    import _freezeref as protopy
    attempt = protopy.attempt
import threading


class Record:
    def __init__(self, i):
        self.id = i
        self.scores = [i, i * 2]
        self.meta = {"even": i % 2 == 0}


N = 20000
table = {i: Record(i) for i in range(N)}
index = {"records": table, "ids": list(range(N)), "names": {str(i): i for i in range(N)}}
protopy.freeze(index)
print(protopy.isfrozen(index), protopy.isfrozen(table[7].scores))

results = [None] * 4
refused = [0] * 4


def reader(k):
    total = 0
    evens = 0
    for rep in range(3):
        for i in index["ids"]:
            r = index["records"][i]
            total += r.scores[1] - r.scores[0]
            evens += r.meta["even"]
        for name, i in index["names"].items():
            total += i - int(name)
    for target, fn in [(index["ids"], lambda: index["ids"].append(1)),
                       (table, lambda: table.pop(0)),
                       (table[k], lambda: setattr(table[k], "id", -1)),
                       (table[k].scores, lambda: table[k].scores.sort())]:
        try:
            attempt(target, fn)
        except TypeError:
            refused[k] += 1
    results[k] = (total, evens)


ts = [threading.Thread(target=reader, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
expected = (3 * sum(range(N)), 3 * (N // 2))
print(results == [expected] * 4, results[0], refused)

# A freeze racing with appends: all or nothing per append.
for trial in range(5):
    shared = list(range(100))
    ok = [0] * 3
    no = [0] * 3
    go = threading.Event()

    def appender(k):
        go.wait()
        for j in range(2000):
            try:
                attempt(shared, lambda: shared.append(j))
                ok[k] += 1
            except TypeError:
                no[k] += 1

    ws = [threading.Thread(target=appender, args=(k,)) for k in range(3)]
    for w in ws:
        w.start()
    go.set()
    protopy.freeze(shared)
    for w in ws:
        w.join()
    print(trial, protopy.isfrozen(shared), len(shared) == 100 + sum(ok), sum(ok) + sum(no) == 6000)
