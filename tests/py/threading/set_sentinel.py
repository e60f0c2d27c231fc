# _thread._set_sentinel(): the lock threading joins on, which the runtime
# releases if a thread dies without releasing it (an internal error).
import _thread, threading
s = _thread._set_sentinel()
print(type(s).__name__, s.locked())
s.acquire(); print(s.locked()); s.release()
try:
    _thread._set_sentinel(1)
except TypeError as e:
    print("TypeError")
out = []
ts = [threading.Thread(target=out.append, args=(i,)) for i in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(out), [t.is_alive() for t in ts], threading.active_count())
