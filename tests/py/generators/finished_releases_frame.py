# A generator or coroutine that has finished no longer keeps alive what its
# frame held (arguments, locals): a collection frees them while the
# generator object itself is still referenced.
import gc
import weakref


class Payload:
    def __init__(self, name):
        self.name = name


def consume(x):
    return x.name


def gen(p):
    consume(p)
    yield 1
    yield 2


async def coro(p):
    return consume(p)


def check(label, make, run):
    p = Payload(label)
    ref = weakref.ref(p)
    obj = make(p)
    del p
    run(obj)
    gc.collect()
    print(label, "payload freed:", ref() is None, "object kept:", obj is not None)


def run_to_end(g):
    print("  yielded", list(g))


def send_once(c):
    try:
        c.send(None)
    except StopIteration as e:
        print("  returned", e.value)


def close_unstarted(g):
    g.close()


def throw_unstarted(g):
    try:
        g.throw(KeyError("k"))
    except KeyError as e:
        print("  KeyError", e)


def raise_inside(g):
    next(g)
    try:
        g.throw(ValueError("stop"))
    except ValueError as e:
        print("  ValueError", e)


check("exhausted generator", gen, run_to_end)
check("finished coroutine", coro, send_once)
check("closed before start", gen, close_unstarted)
check("thrown before start", gen, throw_unstarted)
check("ended by an exception", gen, raise_inside)

# A suspended generator still holds its frame.
p = Payload("suspended")
ref = weakref.ref(p)
g = gen(p)
del p
next(g)
gc.collect()
print("suspended keeps payload:", ref() is not None, g.gi_frame is not None)
g.close()
gc.collect()
print("after close:", ref() is None, g.gi_frame)
try:
    next(g)
except StopIteration:
    print("StopIteration after close")

# Reusing a finished coroutine is still an error.
c = coro(Payload("again"))
send_once(c)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
