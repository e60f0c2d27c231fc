# Threads contending for one shared list or dict take turns at it (a holder
# keeps the object's lock across its next operations while others wait).
# Every way a turn must end is exercised here: a waiter's claim, the holder
# sleeping, waiting on a threading.Lock or Event, starting a collection,
# touching another shared object, raising, and exiting its thread while it
# still holds the turn. Every count is exact, and nothing may hang.
import gc
import threading
import time

shared = []
table = {}
other = []
gate = threading.Lock()
ready = threading.Event()


def appender(tid, n):
    for i in range(n):
        shared.append((tid, i))


def sleeper(tid, n):
    for i in range(n):
        shared.append((tid, i))
        if i % 500 == 0:
            time.sleep(0.0005)


def locker(tid, n):
    for i in range(n):
        shared.append((tid, i))
        if i % 300 == 0:
            with gate:
                other.append(i)


def collector(tid, n):
    for i in range(n):
        shared.append((tid, i))
        if i % 2000 == 0:
            gc.collect()


def switcher(tid, n):
    for i in range(n):
        shared.append((tid, i))
        table[i % 97] = tid


def raiser(tid, n):
    errors = 0
    for i in range(n):
        shared.append((tid, i))
        try:
            table[-1 - (i % 5)]
        except KeyError:
            errors += 1
    other.append(("errors", errors))


def exiter(tid, n):
    # Ends its thread right after an append: the turn it may hold must not
    # outlive it.
    for i in range(n):
        shared.append((tid, i))


def waiter(tid, n):
    ready.wait()
    for i in range(n):
        shared.append((tid, i))


kinds = [appender, sleeper, locker, collector, switcher, raiser, exiter, waiter]
N = 6000
threads = [threading.Thread(target=k, args=(t, N)) for t, k in enumerate(kinds)]
for t in threads:
    t.start()
threads[-2].join()
ready.set()
for t in threads:
    t.join()

print(len(shared) == len(kinds) * N)
for tid in range(len(kinds)):
    mine = [i for (t, i) in shared if t == tid]
    print(kinds[tid].__name__, mine == list(range(N)))
print(sorted(x for x in other if isinstance(x, int)) == list(range(0, N, 300)))
print([x for x in other if isinstance(x, tuple)])
print(sorted(table) == list(range(97)), set(table.values()) == {4})

# Two threads on one dict, then each on its own: a turn on the shared dict
# ends when the thread moves to another object.
d = {}


def dict_user(tid):
    mine = {}
    for i in range(20000):
        d[(tid, i % 1000)] = i
        if i % 1000 == 999:
            for k in range(50):
                mine[k] = i
    return mine


out = [None, None]
ts = [threading.Thread(target=lambda t=t: out.__setitem__(t, dict_user(t))) for t in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(d), all(d[(t, k)] == 19000 + k for t in range(2) for k in range(1000)))
print([len(m) for m in out])
