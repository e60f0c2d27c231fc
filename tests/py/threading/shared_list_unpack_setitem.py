# A list shared by threads: unpacking it sees one state of it while another
# thread replaces its items whole, and item stores from several threads all
# land (each thread owns its own indices).
import threading

pair = [0, 0]
stop = False
torn = []


def writer():
    i = 0
    while not stop:
        i += 1
        pair[:] = [i, i]


def reader():
    bad = 0
    for _ in range(20000):
        a, b = pair
        if a != b:
            bad += 1
    torn.append(bad)


w = threading.Thread(target=writer)
w.start()
readers = [threading.Thread(target=reader) for _ in range(2)]
for t in readers:
    t.start()
for t in readers:
    t.join()
stop = True
w.join()
print("torn unpacks:", torn)

slots = [0] * 8


def bump(k):
    for _ in range(5000):
        slots[k] += 1
        slots[k + 4] -= 1


ts = [threading.Thread(target=bump, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(slots)
try:
    slots[8] = 1
except IndexError as e:
    print("IndexError:", e)
x, y, *rest = slots
print(x, y, rest)
try:
    a, b = slots
except ValueError as e:
    print("ValueError:", e)
