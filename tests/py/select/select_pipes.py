# select.select, poll and epoll on a pipe pair: readiness before and after
# a write, at end of file, and with objects that have a fileno() method.
import os
import select

r, w = os.pipe()


class Wrapper:
    def __init__(self, fd, name):
        self.fd = fd
        self.name = name

    def fileno(self):
        return self.fd


rw = Wrapper(r, "reader")
ww = Wrapper(w, "writer")

rl, wl, xl = select.select([rw], [ww], [], 0)
print("select empty pipe:", [o.name for o in rl], [o.name for o in wl], xl)
os.write(w, b"ping")
rl, wl, xl = select.select([rw, rw], [], [], 1.0)
print("select after write:", [o.name for o in rl])
rl, _, _ = select.select((r,), (), (), None)
print("same ints back:", rl == [r])

p = select.poll()
p.register(r, select.POLLIN)
p.register(w, select.POLLOUT)
events = dict(p.poll(500))
print("poll:", events[r] == select.POLLIN, events[w] == select.POLLOUT)
p.modify(w, select.POLLIN)
print("poll after modify:", [fd == r for fd, ev in p.poll(0)])
p.unregister(w)
print(os.read(r, 100))
print("poll drained:", p.poll(0))

ep = select.epoll()
print("epoll closed?", ep.closed)
ep.register(rw, select.EPOLLIN)
ep.register(w, select.EPOLLOUT)
got = sorted((fd == r, ev) for fd, ev in ep.poll(1))
print("epoll:", got == [(False, select.EPOLLOUT)])
os.write(w, b"x")
got = sorted((fd == r, ev) for fd, ev in ep.poll(timeout=1, maxevents=8))
print("epoll after write:", got == [(False, select.EPOLLOUT), (True, select.EPOLLIN)])
ep.modify(w, select.EPOLLIN)
ep.unregister(w)
print("epoll one event:", len(ep.poll(0, 1)))
print("fileno is int:", isinstance(ep.fileno(), int))
ep.close()
ep.close()
print("epoll closed?", ep.closed)

with select.epoll() as ep2:
    ep2.register(r, select.EPOLLIN)
    print("in with:", len(ep2.poll(0)))
print("after with:", ep2.closed)

os.close(w)
rl, _, _ = select.select([r], [], [], 1)
print("eof readable:", rl == [r], os.read(r, 10))
p2 = select.poll()
p2.register(r)
print("poll hangup:", [ev & select.POLLHUP != 0 for fd, ev in p2.poll(0)])
os.close(r)
print("poll closed fd:", [ev == select.POLLNVAL for fd, ev in p2.poll(0)])
print(select.error is OSError, select.POLLIN, select.POLLOUT, select.EPOLLIN, select.EPOLLET)
