# A WeakValueDictionary key rebound to a live value while another thread
# collects: the dead old value's callback (run wherever the collection
# runs) never removes the new value, and _remove_dead_weakref deletes only
# a dead reference.
import gc
import threading
import time
import weakref
from _weakref import _remove_dead_weakref


class Cycle:
    def __init__(self):
        self.me = self


stop = False


def collector():
    while not stop:
        time.sleep(0.0001)
        gc.collect()


d = weakref.WeakValueDictionary()
gc.disable()
t = threading.Thread(target=collector)
t.start()
wrong = 0
try:
    for i in range(60000):
        o = Cycle()
        d[10] = o
        if len(d) != 1 or d.get(10) is not o:
            wrong += 1
        o = None
finally:
    stop = True
    t.join()
    gc.enable()
print("lost live values:", wrong)
gc.collect()
print("after a collection:", len(d))

# _remove_dead_weakref itself.
class A:
    pass


a, b = A(), A()
plain = {"live": weakref.ref(a), "dead": weakref.ref(b), "other": 5}
del b
gc.collect()
for k in ("live", "dead", "other", "missing"):
    try:
        print(k, _remove_dead_weakref(plain, k), sorted(plain))
    except TypeError as e:
        print(k, "TypeError:", e)
for args in (([], "x"), (plain,), ({}, [])):
    try:
        _remove_dead_weakref(*args)
    except TypeError as e:
        print("TypeError:", e)
