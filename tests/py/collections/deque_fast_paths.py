# deque append/appendleft/pop/popleft: shared between threads, with a
# maxlen, across growth and shrinking, and their effect on iterators.
import collections
import threading

d = collections.deque()


def worker():
    for i in range(20000):
        d.append(i)
        d.appendleft(-i)


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(d), sum(d))
n = 0
while d:
    d.pop()
    n += 1
    if d:
        d.popleft()
        n += 1
print(n, len(d))
for meth in (d.pop, d.popleft):
    try:
        meth()
    except IndexError as e:
        print(type(e).__name__, e)

m = collections.deque(maxlen=3)
for i in range(10):
    m.append(i)
    m.appendleft(i * 10)
print(m, len(m))
z = collections.deque(maxlen=0)
z.append(1)
z.appendleft(2)
print(z, len(z))

big = collections.deque(range(1000))
for i in range(990):
    big.popleft()
print(list(big), len(big))
big.extendleft(range(300))
while len(big) > 2:
    big.pop()
print(list(big))

for mutate in (lambda q: q.append(1), lambda q: q.appendleft(1),
               lambda q: q.pop(), lambda q: q.popleft()):
    q = collections.deque([5, 6, 7])
    it = iter(q)
    next(it)
    mutate(q)
    try:
        next(it)
    except RuntimeError as e:
        print(e)
