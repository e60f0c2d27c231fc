# Waits that time out return empty results after about the timeout, and a
# waiting thread does not hold up the others (they allocate and collect).
import gc
import os
import select
import threading
import time

r, w = os.pipe()

t0 = time.monotonic()
print(select.select([r], [], [], 0.15))
print("select waited:", 0.1 < time.monotonic() - t0 < 2)

p = select.poll()
p.register(r, select.POLLIN)
t0 = time.monotonic()
print(p.poll(150))
print("poll waited:", 0.1 < time.monotonic() - t0 < 2)

ep = select.epoll()
ep.register(r, select.EPOLLIN)
t0 = time.monotonic()
print(ep.poll(0.15))
print("epoll waited:", 0.1 < time.monotonic() - t0 < 2)

# A thread blocks in each kind of wait with no timeout; the main thread
# allocates and collects meanwhile, then wakes them with one write.
results = []


def waiter(kind):
    if kind == "select":
        got = select.select([r], [], [])[0] == [r]
    elif kind == "poll":
        q = select.poll()
        q.register(r, select.POLLIN)
        got = [fd for fd, ev in q.poll()] == [r]
    else:
        e = select.epoll()
        e.register(r, select.EPOLLIN)
        got = [fd for fd, ev in e.poll()] == [r]
        e.close()
    results.append((kind, got))


threads = [threading.Thread(target=waiter, args=(k,)) for k in ("select", "poll", "epoll")]
for t in threads:
    t.start()
time.sleep(0.1)
junk = []
for i in range(20000):
    junk.append([i, str(i)])
gc.collect()
del junk
print("collected while threads wait")
os.write(w, b"!")
for t in threads:
    t.join()
print(sorted(results))
