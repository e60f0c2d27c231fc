# _thread locks' _at_fork_reinit (used by threading's after-fork hook), and
# threading objects used in a forked child.
import os
import sys
import threading
import _thread

l = _thread.allocate_lock()
l.acquire()
l._at_fork_reinit()
print("lock after reinit:", l.locked(), l.acquire(False), l.locked())

r = threading.RLock()
r.acquire()
r.acquire()
r._at_fork_reinit()
print("rlock owned after reinit:", r._is_owned())
print("rlock usable:", r.acquire(blocking=False))
r.release()
for bad in (lambda: l._at_fork_reinit(1),):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

# A condition and an event another thread waits on at the fork work in the
# child (threading re-initialises the locks of its Thread objects; these
# are fresh in the child).
ev = threading.Event()
waiting = threading.Event()


def waiter():
    waiting.set()
    ev.wait()


t = threading.Thread(target=waiter)
t.start()
waiting.wait()
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    ok = not t.is_alive() and threading.active_count() == 1
    c = threading.Condition()
    with c:
        c.notify_all()
    e2 = threading.Event()
    threading.Timer(0.01, e2.set).start()
    ok = ok and e2.wait(5)
    os._exit(0 if ok else 1)
_, st = os.waitpid(pid, 0)
print("child:", os.waitstatus_to_exitcode(st))
ev.set()
t.join()
