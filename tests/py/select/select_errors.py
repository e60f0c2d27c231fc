# The errors of select, poll and epoll, with CPython's types and messages.
import os
import select


def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", r)


r, w = os.pipe()
attempt("negative timeout", lambda: select.select([r], [], [], -1))
attempt("str timeout", lambda: select.select([r], [], [], "1"))
attempt("not a sequence", lambda: select.select(3, [], [], 0))
attempt("negative fd", lambda: select.select([-1], [], [], 0))
attempt("fd too large", lambda: select.select([5000], [], [], 0))
attempt("no fileno", lambda: select.select([object()], [], [], 0))


class BadFileno:
    def fileno(self):
        return "three"


attempt("fileno str", lambda: select.select([BadFileno()], [], [], 0))
attempt("too few args", lambda: select.select([], []))

p = select.poll()
attempt("poll negative mask", lambda: p.register(r, -1))
attempt("poll mask too big", lambda: p.register(r, 1 << 20))
attempt("poll modify unknown", lambda: p.modify(w, select.POLLIN))
attempt("poll unregister unknown", lambda: p.unregister(12345))
attempt("poll str timeout", lambda: p.poll("x"))
attempt("poll negative fd", lambda: p.register(-3))
attempt("poll() instances", lambda: type(p)())

ep = select.epoll()
attempt("epoll maxevents 0", lambda: ep.poll(0, 0))
attempt("epoll maxevents -2", lambda: ep.poll(0, -2))
attempt("epoll unregister unknown", lambda: ep.unregister(r))
attempt("epoll modify unknown", lambda: ep.modify(r, select.EPOLLIN))
ep.register(r)
attempt("epoll register twice", lambda: ep.register(r))
attempt("epoll str timeout", lambda: ep.poll("x"))
ep.close()
attempt("closed poll", lambda: ep.poll(0))
attempt("closed fileno", lambda: ep.fileno())
attempt("closed register", lambda: ep.register(w))
attempt("closed enter", lambda: ep.__enter__())
attempt("negative sizehint", lambda: select.epoll(-5))
attempt("zero sizehint", lambda: select.epoll(0))

os.close(w)
os.close(r)
attempt("closed fd in select", lambda: select.select([r], [], [], 0))
