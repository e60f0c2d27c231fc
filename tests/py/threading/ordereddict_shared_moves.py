# One OrderedDict shared by threads that move keys to both ends, pop the
# first or last item and put it back, and read the order: every operation
# is atomic, so no key is ever lost or duplicated, a reader's snapshot
# always holds each key once, and the dict ends with every key.
import threading
from collections import OrderedDict
N = 200
od = OrderedDict((k, k * 10) for k in range(N))
bad = []
def mover(seed, rounds):
    x = seed
    for i in range(rounds):
        x = (x * 1103515245 + 12345) % 2147483648
        k = x % N
        try:
            od.move_to_end(k, last=bool(x & 2))
        except KeyError:
            pass  # popped by a popper for now
def popper(last, rounds):
    for i in range(rounds):
        k, v = od.popitem(last=last)
        if v != k * 10:
            bad.append(("value", k, v))
        od[k] = v
def reader(rounds):
    for i in range(rounds):
        snap = list(od.items())
        keys = [k for k, _ in snap]
        if len(set(keys)) != len(keys):
            bad.append(("duplicate", len(keys) - len(set(keys))))
        if any(v != k * 10 for k, v in snap):
            bad.append(("pair", i))
ts = [threading.Thread(target=mover, args=(s, 150000)) for s in (1, 2, 3)]
ts += [threading.Thread(target=popper, args=(last, 100000)) for last in (False, True)]
ts += [threading.Thread(target=reader, args=(1000,))]
for t in ts: t.start()
for t in ts: t.join()
print("problems", bad[:5], len(bad))
print("keys", sorted(od) == list(range(N)), "len", len(od))
print("values", all(od[k] == k * 10 for k in range(N)))
