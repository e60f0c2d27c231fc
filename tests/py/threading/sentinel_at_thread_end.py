# _thread._set_sentinel(): a lock the runtime releases when the thread that
# made it ends (after its function returned or raised), which is how
# threading's join() waits; RLock._acquire_restore's argument checks.
import _thread
import threading
import time

made = []
started = _thread.allocate_lock()
started.acquire()


def body(fail):
    s = _thread._set_sentinel()
    s.acquire()
    made.append(s)
    started.release()
    time.sleep(0.05)
    if fail:
        raise SystemExit  # ends the thread quietly


for fail in (False, True):
    _thread.start_new_thread(body, (fail,))
    started.acquire()
    s = made.pop()
    print("held while running:", s.locked())
    print("acquired after end:", s.acquire(timeout=10))
    s.release()

# threading.Thread.join relies on it
out = []
t = threading.Thread(target=lambda: (time.sleep(0.02), out.append("ran")))
t.start()
t.join()
print(out, t.is_alive())
t = threading.Thread(target=lambda: 1 / 0)
threading.excepthook = lambda args: print("hook:", args.exc_type.__name__)
t.start()
t.join(timeout=10)
print("joined after error:", not t.is_alive())

r = threading.RLock()
r.acquire()
r.acquire()
state = r._release_save()
print("saved", state[0], r._is_owned())
r._acquire_restore(state)
print("restored", r._is_owned())
r.release()
r.release()
for args in ((), (1,), ((1,),), ((1, 2), 3)):
    try:
        r._acquire_restore(*args)
    except TypeError as e:
        print("TypeError:", e)
