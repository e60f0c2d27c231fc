# In-place set updates (update, |=, -=, ^=, &=) never empty a shared set in
# between, so items other threads add meanwhile stay and readers never miss
# an item that is in the set all along; dict.popitem() from several threads
# pops every item exactly once.
import threading

s = set(range(100))
stop = False
missing = [0]

def updater():
    global s
    while not stop:
        s.update((1, 2, 3))
        s |= {4}
        s -= {100000}
        s ^= {100001}
        s ^= {100001}
        s.difference_update([100002])
        s.symmetric_difference_update(set())

def reader():
    while not stop:
        if 50 not in s:
            missing[0] += 1

def adder(tid):
    for i in range(1000 + tid, 21000, 2):
        s.add(i)

ts = [threading.Thread(target=f) for f in (updater, reader)]
adders = [threading.Thread(target=adder, args=(t,)) for t in range(2)]
for t in ts + adders:
    t.start()
for t in adders:
    t.join()
stop = True
for t in ts:
    t.join()
print("reader missed an item:", missing[0] > 0)
print("lost adds:", len(set(range(1000, 21000)) - s))
print("final:", sorted(s - set(range(1000, 21000))) == list(range(100)))

# &= replaces the contents in one step: never an empty set for a reader.
s2 = set(range(200))
stop = False
empty_seen = [0]

def narrower():
    global s2
    for i in range(3000):
        s2 &= set(range(200))
        s2.intersection_update(range(150), range(100, 200))
        s2.update(range(200))

def watcher():
    while not stop:
        if len(s2) < 50:
            empty_seen[0] += 1

w = threading.Thread(target=watcher)
n = threading.Thread(target=narrower)
w.start(); n.start(); n.join()
stop = True
w.join()
print("&= showed a near-empty set:", empty_seen[0] > 0, len(s2))

d = {i: str(i) for i in range(30000)}
got = [[] for _ in range(3)]

def popper(tid):
    out = got[tid]
    while True:
        try:
            out.append(d.popitem())
        except KeyError:
            return

ts = [threading.Thread(target=popper, args=(t,)) for t in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
allp = got[0] + got[1] + got[2]
print("popitem each once:", sorted(allp) == sorted((i, str(i)) for i in range(30000)), len(d))
