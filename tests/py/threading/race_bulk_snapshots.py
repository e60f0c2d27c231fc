# list(d), sorted(d), tuple(d.items()), list(d.values()), list(s), sorted(s)
# and [*d] of an exact dict or set take the items in one step, as under
# CPython's GIL (and the free-threaded build's critical section): no
# "changed size during iteration" while other threads insert and delete,
# and every item present all along is in the snapshot.
import threading

d = {i: i for i in range(100)}
s = set(range(100))
stop = False
problems = []

def writer(tid):
    i = 1000 + tid
    while not stop:
        i += 2
        d[i] = i
        s.add(i)
        d.pop(i - 6, None)
        s.discard(i - 6)

def reader():
    core = set(range(100))
    for _ in range(300):
        try:
            for snap in (list(d), sorted(d), [k for k, v in tuple(d.items())],
                         list(d.values()), list(s), sorted(s), [*d], list(d.keys())):
                if not core <= set(snap):
                    problems.append("missing core items")
        except RuntimeError as e:
            problems.append(str(e))

ws = [threading.Thread(target=writer, args=(t,)) for t in range(2)]
rs = [threading.Thread(target=reader) for _ in range(2)]
for t in ws + rs:
    t.start()
for t in rs:
    t.join()
stop = True
for t in ws:
    t.join()
print("problems:", sorted(set(problems)))
