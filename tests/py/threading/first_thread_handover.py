# The main thread changes shared objects (module globals) on its own, then
# starts threads that change the same objects while it keeps changing them
# too: every single operation stays atomic across the moment the second
# thread appears, and again when threads start from threads. Exact counts.
import threading

items = []
table = {}
seen = set()


class Box:
    pass


box = Box()
box.hits = 0
ROUNDS = 20000

# Alone first: each of these takes the object's lock.
for i in range(ROUNDS):
    items.append(i)
    table[("main", i)] = i
    seen.add(-i - 1)
    box.hits = i
    box.last = ("main", i)
print("alone:", len(items), len(table), len(seen), box.hits)

lock = threading.Lock()
counter = [0]


def work(name, n, children=0):
    kids = [threading.Thread(target=work, args=(f"{name}.{k}", n)) for k in range(children)]
    for k in kids:
        k.start()
    for i in range(n):
        items.append((name, i))
        table[(name, i)] = i
        seen.add((name, i))
        setattr(box, "t_" + name, i)
        with lock:
            counter[0] += 1
    for k in kids:
        k.join()


threads = [threading.Thread(target=work, args=(f"w{t}", ROUNDS, 1 if t < 2 else 0)) for t in range(3)]
for t in threads:
    t.start()
# The main thread keeps going while they run.
for i in range(ROUNDS):
    items.append(("late", i))
    table[("late", i)] = i
    with lock:
        counter[0] += 1
for t in threads:
    t.join()

names = ["w0", "w1", "w2", "w0.0", "w1.0"]
print("threads:", len(names))
print("items:", len(items), len(items) == ROUNDS * (2 + len(names)))
print("table:", len(table), len(table) == ROUNDS * (2 + len(names)))
print("seen:", len(seen), len(seen) == ROUNDS * (1 + len(names)))
print("counter:", counter[0], counter[0] == ROUNDS * (1 + len(names)))
for n in names:
    got = [x for x in items if type(x) is tuple and x[0] == n]
    assert got == [(n, i) for i in range(ROUNDS)], n
    assert getattr(box, "t_" + n) == ROUNDS - 1, n
print("per-thread order kept:", True)
print("box:", box.hits, box.last)
