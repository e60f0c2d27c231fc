# Racing list methods that rewrite a shared list in place (reverse, slice
# assignment and deletion, *=, extend, insert/remove) are each one atomic
# step, as in CPython: no item another thread appends meanwhile is lost or
# duplicated, and none of them crashes when the list shrinks under it.
import threading

N = 20000
shared = []
stop = False
start = threading.Barrier(4)

def appender(tid):
    start.wait()
    for i in range(tid * N, (tid + 1) * N):
        shared.append(i)

def rewriter():
    global shared
    start.wait()
    k = 0
    while not stop:
        k += 1
        op = k % 7
        if op == 0:
            shared.reverse()
        elif op == 1:
            shared[0:0] = []
        elif op == 2:
            del shared[1 << 40:]
        elif op == 3:
            shared *= 1
        elif op == 4:
            shared.extend(())
        elif op == 5:
            shared[1 << 40:] = ()
        else:
            shared.insert(0, -1)
            shared.remove(-1)

ts = [threading.Thread(target=appender, args=(t,)) for t in range(2)]
rs = [threading.Thread(target=rewriter) for _ in range(2)]
for t in ts + rs:
    t.start()
for t in ts:
    t.join()
stop = True
for t in rs:
    t.join()
print("len:", len(shared), "expected:", 2 * N)
print("contents exact:", sorted(shared) == list(range(2 * N)))

# extend is one step: the items of one call stay next to each other.
shared = []
start = threading.Barrier(3)

def extender(tid):
    global shared
    start.wait()
    for r in range(2000):
        shared.extend([tid] * 5)
        shared += [tid + 10] * 3

ts = [threading.Thread(target=extender, args=(t,)) for t in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
runs_ok = True
i = 0
while i < len(shared):
    x = shared[i]
    n = 5 if x < 10 else 3
    if shared[i:i + n] != [x] * n:
        runs_ok = False
        break
    i += n
print("extend runs intact:", runs_ok, len(shared))

# pop() takes the last item there is; pop(i)/del l[i] resolve i under the lock.
shared = list(range(60000))
got = [[] for _ in range(3)]
start = threading.Barrier(3)

def popper(tid):
    start.wait()
    out = got[tid]
    while True:
        try:
            out.append(shared.pop())
        except IndexError:
            return

ts = [threading.Thread(target=popper, args=(t,)) for t in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("popped each once:", sorted(got[0] + got[1] + got[2]) == list(range(60000)))
print("each popper saw a decreasing sequence:",
      all(all(a > b for a, b in zip(g, g[1:])) for g in got))

# Slice assignment and deletion while other threads shrink and grow the list.
shared = list(range(100))
stop = False
errors = set()

def slicer(tid):
    k = 0
    while not stop:
        k += 1
        try:
            if k % 4 == 0:
                shared[5:50] = range(10)
            elif k % 4 == 1:
                del shared[:20]
            elif k % 4 == 2:
                shared[::2] = shared[::2]
            else:
                shared[-3:] = [1, 2, 3, 4]
        except ValueError as e:
            # An extended slice whose length changed between reading the
            # right-hand side and the assignment: a clean error.
            errors.add(type(e).__name__)

def shaker():
    k = 0
    while not stop:
        k += 1
        if k % 3 == 0:
            shared.clear()
        else:
            shared.extend(range(40))

ts = [threading.Thread(target=slicer, args=(t,)) for t in range(2)]
ts.append(threading.Thread(target=shaker))
for t in ts:
    t.start()
import time
time.sleep(0.5)
stop = True
for t in ts:
    t.join()
print("slices survived:", errors <= {"ValueError"}, all(isinstance(x, int) for x in shared))

# sort() of small ints or strs, which no Python code orders, is one atomic
# step: items appended meanwhile are neither dropped nor does the sort see
# "list modified during sort".
for make in (int, str):
    shared = []
    stop = False
    sort_errors = []
    start = threading.Barrier(3)

    def sorter():
        start.wait()
        while not stop:
            try:
                shared.sort()
                shared.sort(reverse=True)
            except ValueError as e:
                sort_errors.append(str(e))

    def feeder(tid):
        start.wait()
        for i in range(tid, 20000, 2):
            shared.append(make(i))

    ts = [threading.Thread(target=feeder, args=(t,)) for t in range(2)]
    s = threading.Thread(target=sorter)
    for t in ts + [s]:
        t.start()
    for t in ts:
        t.join()
    stop = True
    s.join()
    print(make.__name__, "sort kept every append:", sorted(shared) == sorted(make(i) for i in range(20000)),
          "errors:", sort_errors[:1])
