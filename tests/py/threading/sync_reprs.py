# repr() of the synchronisation objects and threads, at each state; the
# address each repr shows is id() in hex, as CPython prints it.
import threading
import _thread


def show(obj, *inner):
    text = repr(obj)
    for o in (obj,) + inner:
        text = text.replace(hex(id(o)), "0xADDR")
    text = text.replace("owner=%d " % threading.get_ident(), "owner=ME ")
    print(text)


lock = threading.Lock()
show(lock)
lock.acquire()
show(lock)
lock.release()

rlock = threading.RLock()
show(rlock)
rlock.acquire()
rlock.acquire()
show(rlock)
rlock.release()
rlock.release()
show(_thread.RLock())


class MyRLock(type(threading.RLock())):
    pass


mine = MyRLock()
with mine:
    show(mine)

cond = threading.Condition()
show(cond, cond._lock)
with cond:
    show(cond, cond._lock)
plain = threading.Condition(threading.Lock())
with plain:
    show(plain, plain._lock)

show(threading.Semaphore(3))
sem = threading.BoundedSemaphore(2)
show(sem)
sem.acquire()
show(sem)

ev = threading.Event()
show(ev)
ev.set()
show(ev)

bar = threading.Barrier(3)
show(bar)
bar.abort()
show(bar)


class MySem(threading.Semaphore):
    pass


class MyEvent(threading.Event):
    pass


show(MySem(0))
show(MyEvent())

t = threading.Thread(target=print, args=("ran",), name="worker")
show(t)
t.start()
t.join()
print(repr(t).replace(str(t.ident), "IDENT"))
print(repr(threading.Thread(name="d", daemon=True)))
print(repr(threading.main_thread()).replace(str(threading.get_ident()), "IDENT"))
timer = threading.Timer(10, print)
print(repr(timer).split("(")[0])

print(_thread.allocate_lock, _thread.allocate)
print(_thread.LockType, _thread.RLock, type(lock) is _thread.LockType)
print(threading.excepthook, threading.ExceptHookArgs)
loc = threading.local()
show(loc)
