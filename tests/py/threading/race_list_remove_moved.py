# list.remove(x) of an item that another thread keeps moving (reverse,
# insert at the front, rotation by slicing) is one atomic step when x and
# the items compare without Python code: it never reports "not in list"
# for an item that stayed in the list, and never removes a different one.
import threading

shared = list(range(200))
stop = False
misses = []
start = threading.Barrier(3)

def mover():
    start.wait()
    k = 0
    while not stop:
        k += 1
        if k % 3 == 0:
            shared.reverse()
        elif k % 3 == 1:
            shared.insert(0, 1000)
            shared.remove(1000)
        else:
            shared.sort(reverse=(k % 2 == 0))

def remover(tid, token):
    start.wait()
    for r in range(20000):
        shared.insert(r % 150, token)
        try:
            shared.remove(token)
        except ValueError:
            misses.append((tid, r))

ts = [threading.Thread(target=mover)]
ts += [threading.Thread(target=remover, args=(t, -1 - t)) for t in range(2)]
for t in ts[1:]:
    t.start()
ts[0].start()
for t in ts[1:]:
    t.join()
stop = True
ts[0].join()
print("misses:", misses[:3])
print("items kept:", sorted(shared) == list(range(200)))

# A str item with the same text but another object is equal: removed.
s = ["a" * 40 + str(i) for i in range(5)]
s.remove("a" * 40 + "3")
print(s[-1][-1], len(s))
