# Condition methods need the underlying lock held.
import threading

cond = threading.Condition()
for name, call in (("wait", lambda: cond.wait(0.01)),
                   ("wait_for", lambda: cond.wait_for(lambda: True, 0.01)),
                   ("notify", cond.notify),
                   ("notify_all", cond.notify_all)):
    try:
        call()
    except RuntimeError as e:
        print(name, "->", e)

# with a plain Lock the condition works too, and acquire/release are the lock's
lock = threading.Lock()
c2 = threading.Condition(lock)
with c2:
    print("lock held inside:", lock.locked())
    c2.notify()
print("lock held after:", lock.locked())
print("acquire:", c2.acquire()); c2.release()

# a Condition over an RLock may be entered re-entrantly and still wait
rc = threading.Condition(threading.RLock())
with rc:
    with rc:
        print("nested wait timeout:", rc.wait(0.01))
print("notifyAll alias exists:", hasattr(rc, "notifyAll"))
