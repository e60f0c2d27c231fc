# Methods of a SimpleQueue taken as values (not called at once) are bound
# to the queue: stored in variables, passed as callbacks, used by map and
# by threads; the same holds for object's methods on a plain instance.
import _queue
import threading

q = _queue.SimpleQueue()
put, get, size = q.put, q.get, q.qsize
put(1)
q.put_nowait(2)
print(size(), get(), q.get_nowait(), q.empty())
print(put.__name__, put.__self__ is q, type(put).__name__)

list(map(q.put, "abc"))
print([get() for _ in range(3)])

ts = [threading.Thread(target=q.put, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(q.get(timeout=5) for _ in range(4)))

callbacks = {"push": q.put, "pop": q.get_nowait}
callbacks["push"]("cb")
print(callbacks["pop"]())

class Sub(_queue.SimpleQueue):
    pass

s = Sub()
sp = s.put
sp(42)
print(s.get(), sp.__self__ is s)

class Plain:
    pass

m = Plain().__sizeof__
print(type(m).__name__, m.__name__, type(m.__self__).__name__)
