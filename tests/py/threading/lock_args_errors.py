# Argument checking of the _thread primitives: acquire() timeouts,
# stack_size(), start_new_thread(), allocate_lock(), and Condition over an
# object that is not a lock.
import _thread
import threading


def attempt(label, f, *args, **kwargs):
    try:
        print(label, "->", f(*args, **kwargs))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


for make in (threading.Lock, threading.RLock):
    lk = make()
    name = type(lk).__name__
    attempt(name + " nonblocking+timeout", lk.acquire, False, 1)
    attempt(name + " negative", lk.acquire, True, -2)
    attempt(name + " str timeout", lk.acquire, True, "1")
    attempt(name + " nan timeout", lk.acquire, timeout=float("nan"))
    attempt(name + " huge timeout", lk.acquire, timeout=threading.TIMEOUT_MAX * 2)
    attempt(name + " huge int timeout", lk.acquire, timeout=2 ** 80)
    attempt(name + " three args", lk.acquire, True, 1, 2)
    attempt(name + " bad keyword", lk.acquire, wait=True)
    attempt(name + " int timeout", lk.acquire, True, 0)
    lk.release()
    attempt(name + " -1 timeout", lk.acquire, True, -1)
    lk.release()
    attempt(name + " over-release", lk.release)

attempt("allocate_lock(1)", _thread.allocate_lock, 1)
attempt("LockType()", _thread.LockType)
print("stack_size:", threading.stack_size())
attempt("stack_size(1000)", threading.stack_size, 1000)
attempt("stack_size(-1)", threading.stack_size, -1)
attempt("stack_size('a')", threading.stack_size, "a")
attempt("stack_size(1.5)", threading.stack_size, 1.5)
attempt("stack_size(1, 2)", threading.stack_size, 1, 2)
attempt("stack_size(1 MiB)", threading.stack_size, 1 << 20)
attempt("stack_size()", threading.stack_size)
attempt("stack_size(0)", threading.stack_size, 0)
attempt("stack_size()", threading.stack_size)
attempt("start_new_thread 1 arg", _thread.start_new_thread, print)
attempt("start_new_thread 4 args", _thread.start_new_thread, print, (), {}, 1)
attempt("start_new_thread list", _thread.start_new_thread, print, [1])
attempt("start_new_thread kwargs", _thread.start_new_thread, print, (), [])
attempt("start_new_thread not callable", _thread.start_new_thread, 5, ())
attempt("Condition(5)", threading.Condition, 5)
attempt("Condition(object())", threading.Condition, object())


class HalfLock:
    def acquire(self):
        pass


attempt("Condition(HalfLock())", threading.Condition, HalfLock())
# CPython 3.11 does not check a Barrier's parties
for n in (0, -1):
    b = threading.Barrier(n)
    print("Barrier(%d)" % n, b.parties, b.n_waiting, b.broken)
