# _queue.SimpleQueue and _queue.Empty (the native queue behind
# queue.SimpleQueue): API, FIFO order, argument parsing and its error
# messages, timeouts, subclassing and generic aliases.
import _queue
import queue
import time

SQ = _queue.SimpleQueue
Empty = _queue.Empty


def attempt(label, f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
    except Exception as e:
        print(label, "->", type(e).__name__, str(e))
    else:
        print(label, "=", repr(r))


print(SQ, SQ.__module__, SQ.__qualname__, SQ.__name__)
print(SQ.__doc__)
print(SQ.__mro__)
print(Empty, Empty.__module__, Empty.__qualname__, Empty.__doc__)
print(Empty.__mro__)
print(queue.SimpleQueue is SQ, queue.Empty is Empty)
print(sorted(n for n in dir(_queue) if not n.startswith("_")))
print(sorted(n for n in dir(SQ) if not n.startswith("_")))

# FIFO order, qsize and empty
q = SQ()
print("fresh:", q.empty(), q.qsize())
for x in ["a", 2, (3, 4), None, [5]]:
    q.put(x)
q.put_nowait({"k": 6})
q.put(7, False)
q.put(8, block=True, timeout=-5)
q.put(item=9)
q.put_nowait(item=10)
print("filled:", q.empty(), q.qsize())
out = [q.get(), q.get(True), q.get(False), q.get(block=False), q.get(True, None)]
out += [q.get(timeout=0), q.get(timeout=1), q.get_nowait(), q.get(block=True, timeout=0.5)]
out.append(q.get(False, "timeout ignored when not blocking"))
print(out)
print("drained:", q.empty(), q.qsize())

# Empty: non-blocking, timed out, zero timeout
# (methods are called through the class here: `q.get` as a value is
# tested in simplequeue_bound_methods.py)
for label, f, a, k in [
    ("get_nowait()", SQ.get_nowait, (q,), {}),
    ("get(False)", SQ.get, (q, False), {}),
    ("get(block=0, timeout=-1)", SQ.get, (q,), {"block": 0, "timeout": -1}),
    ("get(timeout=0)", SQ.get, (q,), {"timeout": 0}),
    ("get(timeout=0.0)", SQ.get, (q,), {"timeout": 0.0}),
    ("get(timeout=-0.0)", SQ.get, (q,), {"timeout": -0.0}),
    ("get(timeout=False)", SQ.get, (q,), {"timeout": False}),
]:
    try:
        f(*a, **k)
    except Empty as e:
        print(label, "raises", type(e).__name__, repr(e), e.args, isinstance(e, queue.Empty))
t0 = time.monotonic()
try:
    q.get(timeout=0.05)
except queue.Empty:
    waited = time.monotonic() - t0
    print("timed out after >= 0.05 s:", waited >= 0.045, waited < 5)
t0 = time.monotonic()
try:
    q.get(True, 1e-9)
except Empty:
    print("tiny timeout:", time.monotonic() - t0 < 5)


# timeout values: validated before the queue is looked at
class Idx:
    def __index__(self):
        return 0

    def __repr__(self):
        return "Idx()"


class Truthy:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        if self.v is None:
            raise RuntimeError("no truth value")
        return self.v


for t in [-1, -0.5, -1e-9, -10**30, 10**30, 2**63, 10**10, 9223372037, 1e10,
          float("inf"), float("-inf"), float("nan"), "1", [], 1j, None, Idx(), True]:
    q.put("item")
    attempt("get(timeout=%r)" % (t,), SQ.get, q, timeout=t)
    while not q.empty():
        q.get()
attempt("get(Truthy(None))", SQ.get, q, Truthy(None))
attempt("get(Truthy(False))", SQ.get, q, Truthy(False))
q.put("x")
attempt("get(Truthy(True), 0)", SQ.get, q, Truthy(True), 0)
attempt("put(1, Truthy(None))", SQ.put, q, 1, Truthy(None))
attempt("put(1, [], 'junk')", SQ.put, q, 1, [], "junk")
print("qsize after puts:", q.qsize(), q.get(), q.qsize())

# argument errors (Argument Clinic's messages)
attempt("put()", SQ.put, q)
attempt("put(block=1)", SQ.put, q, block=1)
attempt("put(1, 2, 3, 4)", SQ.put, q, 1, 2, 3, 4)
attempt("put(1, 2, 3, x=4)", SQ.put, q, 1, 2, 3, x=4)
attempt("put(item=1, block=1, timeout=1, x=4)", SQ.put, q, item=1, block=1, timeout=1, x=4)
attempt("put(1, item=2)", SQ.put, q, 1, item=2)
attempt("put(1, x=2)", SQ.put, q, 1, x=2)
attempt("put_nowait()", SQ.put_nowait, q)
attempt("put_nowait(1, 2)", SQ.put_nowait, q, 1, 2)
attempt("put_nowait(1, block=2)", SQ.put_nowait, q, 1, block=2)
attempt("get(1, 2, 3)", SQ.get, q, 1, 2, 3)
attempt("get(True, block=True)", SQ.get, q, True, block=True)
attempt("get(True, 1, block=1)", SQ.get, q, True, 1, block=1)
attempt("get(x=1)", SQ.get, q, x=1)
attempt("get_nowait(1)", SQ.get_nowait, q, 1)
attempt("empty(1)", SQ.empty, q, 1)
attempt("empty(x=1)", SQ.empty, q, x=1)
attempt("qsize(1, 2)", SQ.qsize, q, 1, 2)
attempt("qsize(x=1)", SQ.qsize, q, x=1)
attempt("SimpleQueue(1)", SQ, 1)
attempt("SimpleQueue(maxsize=1)", SQ, maxsize=1)
attempt("SimpleQueue.get(5)", SQ.get, 5)
attempt("SimpleQueue.put([], 1)", SQ.put, [], 1)
attempt("SimpleQueue.qsize(None)", SQ.qsize, None)
attempt("SimpleQueue.__new__()", SQ.__new__)
attempt("SimpleQueue.__new__(1)", SQ.__new__, 1)
attempt("SimpleQueue.__new__(int)", SQ.__new__, int)
attempt("SimpleQueue.__new__(SQ, 1)", SQ.__new__, SQ, 1)
print(type(SQ.__new__(SQ)))
attempt("setattr", setattr, q, "x", 1)
attempt("__dict__", getattr, q, "__dict__")
print("hash is identity-based:", hash(q) == hash(q), q == q, q != SQ())
print(repr(q).startswith("<_queue.SimpleQueue object at 0x"))

# generic alias
print(SQ[int], SQ[int, str], SQ[int].__origin__ is SQ, SQ[int].__args__)
print(type(SQ[int]) is type(list[int]))
print(SQ.__class_getitem__(bytes))


# subclasses: attributes, __init__ taking arguments, overridden methods
class Plain(SQ):
    pass


class Sized(SQ):
    def __init__(self, name, *items):
        self.name = name
        for x in items:
            self.put(x)


class Doubling(SQ):
    def put(self, item, block=True, timeout=None):
        super().put(item * 2, block, timeout)

    def get(self, block=True, timeout=None):
        return ("got", super().get(block, timeout))


class WithNew(SQ):
    def __new__(cls, *args):
        self = super().__new__(cls)
        self.args = args
        return self


p = Plain()
p.tag = "plain"
p.put(1)
print(type(p).__name__, p.tag, p.__dict__, p.qsize(), p.get(), isinstance(p, SQ))
print(repr(p).startswith("<__main__.Plain object at 0x"))
attempt("Plain(1)", Plain, 1)
attempt("Plain(x=1)", Plain, x=1)
s = Sized("s", 1, 2, 3)
print(s.name, s.qsize(), [s.get() for _ in range(3)], s.empty())
d = Doubling()
d.put(21)
d.put_nowait("ab")
print(d.qsize(), d.get(), d.get_nowait(), d.empty())
w = WithNew(1, 2)
w.put("w")
print(w.args, w.get())
print(Plain.__mro__)
print(Plain[int], issubclass(Sized, SQ), issubclass(SQ, Plain))

# queues are independent; an item can be any object, the queue included
a, b = SQ(), SQ()
a.put(a)
b.put(b)
print(a.get() is a, b.get() is b, a.qsize(), b.qsize())
big = SQ()
for i in range(10000):
    big.put(i)
print(big.qsize(), sum(big.get() for _ in range(5000)), big.qsize())
for i in range(10000, 12000):
    big.put(i)
got = []
while True:
    try:
        got.append(big.get_nowait())
    except Empty:
        break
print(len(got), got[0], got[-1], got == list(range(5000, 12000)), big.empty())
