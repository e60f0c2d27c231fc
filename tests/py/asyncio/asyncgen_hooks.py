# sys.get_asyncgen_hooks / set_asyncgen_hooks: the hooks tuple, argument
# errors, firstiter on the first anext/asend/athrow/aclose, and the
# finalizer called for an unfinished async generator that is collected.
import gc
import sys


def show(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "->", type(e).__name__, e)


h = sys.get_asyncgen_hooks()
print(type(h).__name__, h)
print(h.firstiter, h.finalizer, len(h), tuple(h))
show("firstiter=1", lambda: sys.set_asyncgen_hooks(firstiter=1))
show("finalizer='x'", lambda: sys.set_asyncgen_hooks(finalizer="x"))
show("both bad", lambda: sys.set_asyncgen_hooks(1, 2))
show("extra kw", lambda: sys.set_asyncgen_hooks(other=print))
show("after errors", sys.get_asyncgen_hooks)

log = []


def firstiter(g):
    log.append(("firstiter", g.__name__))


def finalizer(g):
    log.append(("finalizer", g.__name__))
    pending.append(g)


pending = []
sys.set_asyncgen_hooks(firstiter, finalizer)
print(sys.get_asyncgen_hooks() == (firstiter, finalizer))
sys.set_asyncgen_hooks(finalizer=None)
print(sys.get_asyncgen_hooks().finalizer, sys.get_asyncgen_hooks().firstiter is firstiter)
sys.set_asyncgen_hooks(finalizer=finalizer)


def run(aw):
    """Drives an awaitable that never really suspends."""
    try:
        aw.send(None)
    except StopIteration as e:
        return e.value
    raise AssertionError("suspended")


async def numbers(n):
    try:
        for i in range(n):
            yield i
    finally:
        log.append(("finally", n))


def first_steps():
    g = numbers(3)
    print("created, no hook yet:", log)
    print("anext:", run(g.__anext__()))
    print("asend:", run(g.asend(None)))
    print(log)
    g2 = numbers(5)
    try:
        run(g2.athrow(ValueError("boom")))
    except ValueError as e:
        print("athrow on fresh generator:", e)
    g3 = numbers(7)
    print("aclose on fresh generator:", run(g3.aclose()))
    print(log)


first_steps()
log.clear()
gc.collect()
print("after collect:", sorted(log, key=str))
for g in pending:
    print("closing", g.__name__, run(g.aclose()))
print("after aclose:", log[-1])
pending.clear()
log.clear()


def exhausted():
    g = numbers(2)

    async def consume():
        return [x async for x in g]

    print("consumed", run(consume()))


exhausted()
gc.collect()
print("finished generators are not finalized:", log)


# A firstiter hook that raises: the error propagates out of __anext__,
# and the hooks are consulted only once.
def bad_firstiter(g):
    raise RuntimeError("firstiter failed")


sys.set_asyncgen_hooks(bad_firstiter, None)
g = numbers(1)
try:
    g.__anext__()
except RuntimeError as e:
    print("firstiter error:", e)
print("second anext:", run(g.__anext__()))

# Hooks are per thread: a new thread starts with none.
import threading

seen = []
t = threading.Thread(target=lambda: seen.append(sys.get_asyncgen_hooks()))
t.start()
t.join()
print("in a thread:", seen[0])
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())
