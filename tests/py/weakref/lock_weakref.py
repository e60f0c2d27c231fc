# _thread.lock and _thread.RLock objects (threading.Lock/RLock) take weak
# references, as in CPython; plain object() does not.
import _thread
import threading
import weakref

for make in (threading.Lock, threading.RLock, _thread.allocate_lock):
    lk = make()
    r = weakref.ref(lk)
    print(type(lk).__name__, r() is lk)
    with r():
        print(" locked via ref:", lk.locked() if hasattr(lk, "locked") else True)
try:
    weakref.ref(object())
except TypeError as e:
    print("TypeError:", e)
