# A bytearray shared by several threads: appends, extends and += from four
# threads at once lose nothing; pops take each byte once; readers racing the
# writers only ever see bytes that were written, in the order written.
import threading

shared = bytearray()
N = 20000

def appender(tag):
    for i in range(N):
        if i % 3 == 0:
            shared.append(tag)
        elif i % 3 == 1:
            shared.extend(bytes([tag]))
        else:
            global_add(tag)

def global_add(tag):
    global shared
    shared += bytes([tag])

threads = [threading.Thread(target=appender, args=(t,)) for t in (1, 2, 3, 4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared), [shared.count(t) for t in (1, 2, 3, 4)])

# pops: every byte comes off exactly once
popped = [[] for _ in range(4)]
def popper(k):
    out = popped[k]
    while True:
        try:
            out.append(shared.pop())
        except IndexError:
            return
threads = [threading.Thread(target=popper, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
allp = [x for p in popped for x in p]
print(len(shared), len(allp), [allp.count(t) for t in (1, 2, 3, 4)])

# one writer appends a counting pattern; readers check that every snapshot
# is a prefix of what the writer writes
expect = bytearray()
for i in range(60000):
    expect.append(i % 251)
    if i % 1000 == 999:
        expect.extend(bytes(range(5)))
expect = bytes(expect)
data = bytearray()
bad = []
stop = False
def writer():
    global stop
    for i in range(60000):
        data.append(i % 251)
        if i % 1000 == 999:
            data.extend(bytes(range(5)))
    stop = True

def reader():
    seen = 0
    while not stop or seen < 3:
        snap = bytes(data)
        if snap != expect[:len(snap)]:
            bad.append(len(snap))
        seen += 1

rs = [threading.Thread(target=reader) for _ in range(2)]
w = threading.Thread(target=writer)
for t in rs:
    t.start()
w.start()
w.join()
for t in rs:
    t.join()
print(len(data), bad, data == expect)

# whole-content replacements and pop/append at the end: a reader's
# snapshot is always one of the states the writer passes through
def run(states, step, rounds):
    box = bytearray(states[0])
    done = []
    odd = set()
    def writer():
        for r in range(rounds):
            step(box, r)
        done.append(1)
    def reader():
        while not done:
            snap = bytes(box)
            if snap not in states:
                odd.add(snap[:8])
    ts = [threading.Thread(target=reader) for _ in range(2)] + [threading.Thread(target=writer)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return bytes(box) in states, sorted(odd)

A, B = b"\x01" * 100, b"\x02" * 50
def swap(box, r):
    box[:] = B if r % 2 == 0 else A
print(run([A, B], swap, 20000))
S0, S1, S2 = b"\x01" * 99, b"\x01" * 100, b"\x01" * 99 + b"\x02"
def tail(box, r):
    box.pop()
    box.append(2 if r % 2 == 0 else 1)
print(run([S1, S0, S2], tail, 40000))

# item assignment and deletion on a shared bytearray under a lock: exact
lock = threading.Lock()
cells = bytearray(64)
def bump(k):
    for i in range(5000):
        with lock:
            j = (i * 7 + k) % 64
            cells[j] = (cells[j] + 1) % 256
threads = [threading.Thread(target=bump, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sum(cells), len(cells))
