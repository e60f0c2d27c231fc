# A value passed down and up a chain of `yield from` delegators: what the
# innermost generator sees of the frames above it, of the delegators' state,
# of exceptions they handle, and what happens when a delegator is resumed
# on its own or an exception leaves the innermost one.
import sys
import traceback
import warnings


def names_above():
    f = sys._getframe(1)
    out = []
    while f is not None and f.f_code.co_name != "<module>":
        out.append((f.f_code.co_name, f.f_lineno))
        f = f.f_back
    return out


chain = {}


def leaf():
    x = yield "leaf-1"
    print("leaf got", x)
    print("frames above leaf:", names_above())
    print("stack:", [fs.name for fs in traceback.extract_stack()][-5:])
    print("running:", {k: g.gi_running for k, g in chain.items()})
    for k in ("mid", "top", "outer"):
        try:
            next(chain[k])
        except ValueError as e:
            print(k, "->", e)
    print("depth 3 is", sys._getframe(3).f_code.co_name)
    yield "leaf-2"
    return "leaf-result"


def mid():
    r = yield from leaf()
    print("mid got", r)
    yield "mid-1"
    return "mid-result"


def top():
    r = yield from mid()
    print("top got", r)
    yield "top-1"


def outer():
    yield from top()
    yield "outer-end"


g = outer()
print(next(g))
chain["outer"] = g
chain["top"] = g.gi_yieldfrom
chain["mid"] = chain["top"].gi_yieldfrom
print("delegates:", [c.gi_code.co_name for c in chain.values()])
print(g.send("sent-1"))
print("suspended:", g.gi_running, g.gi_suspended)
print(list(g))


# An exception raised in the innermost generator goes through each
# delegator, which may catch it; its traceback names every frame.
def fails():
    yield 1
    raise KeyError("deep")


def catcher():
    try:
        yield from fails()
    except KeyError as e:
        print("catcher caught", repr(e))
        tb = traceback.extract_tb(e.__traceback__)
        print("tb:", [t.name for t in tb])
        yield "recovered"


def passer():
    yield from catcher()
    yield "passer-end"


def root():
    yield from passer()


print(list(root()))


def raiser_chain():
    def a():
        yield "a"
        1 / 0

    def b():
        yield from a()

    def c():
        yield from b()

    def d():
        yield from c()

    return d()


try:
    for v in raiser_chain():
        print("got", v)
except ZeroDivisionError:
    tb = traceback.extract_tb(sys.exc_info()[2])
    print("uncaught:", [t.name for t in tb])


# The exception a delegator is handling is the one the innermost sees.
def inner_exc():
    yield sys.exc_info()[0]
    yield sys.exc_info()[0]


def handling():
    try:
        raise OSError("outer")
    except OSError:
        yield from inner_exc()
    yield sys.exc_info()[0]


def wrap_handling():
    yield from handling()


print(list(wrap_handling()))
print("after:", sys.exc_info())


# A delegator resumed on its own while the outer generator is suspended.
def counter(n):
    for i in range(n):
        yield i
    return "done-%d" % n


def middle():
    r = yield from counter(3)
    yield r


def head():
    r = yield from middle()
    yield "head sees %r" % (r,)


h = head()
print(next(h))
m = h.gi_yieldfrom
print("middle is", m.gi_code.co_name, m.gi_running)
print(next(m))
print(next(h))
print(list(h))


# A warning with stacklevel=2 in the innermost points at its delegator.
def warns():
    warnings.warn("from the leaf", UserWarning, stacklevel=2)
    yield 1


def warn_delegator():
    yield from warns()


def warn_top():
    yield from warn_delegator()


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    list(warn_top())
print([(w.message.args[0], w.lineno) for w in caught])


# Coroutines awaiting down a chain to a suspension point.
class Suspend:
    def __await__(self):
        got = yield "suspended"
        return got


async def c3():
    return await Suspend()


async def c2():
    return await c3()


async def c1():
    return await c2()


co = c1()
print(co.send(None))
try:
    co.send("resumed")
except StopIteration as e:
    print("coroutine returned", e.value)


# A generator thrown into and closed in the middle of a deep chain.
def closable():
    try:
        yield 1
        yield 2
    finally:
        print("closable finally")


def layer(n):
    if n == 0:
        yield from closable()
    else:
        yield from layer(n - 1)


g = layer(5)
print(next(g))
try:
    g.throw(RuntimeError("thrown"))
except RuntimeError as e:
    print("throw passed through:", e)
g = layer(5)
next(g)
g.close()
print("closed", g.gi_frame)


# Another thread's stack, read while its innermost generator waits.
import threading

ready = threading.Event()
go_on = threading.Event()


def blocking_leaf():
    yield "first"
    ready.set()
    go_on.wait()
    yield "second"


def blocking_mid():
    yield from blocking_leaf()


def blocking_top():
    yield from blocking_mid()


def worker():
    g = blocking_top()
    next(g)
    next(g)


t = threading.Thread(target=worker)
t.start()
ready.wait()
f = sys._current_frames()[t.ident]
names = []
while f is not None:
    names.append(f.f_code.co_name)
    f = f.f_back
print("other thread:", [n for n in names if n.startswith(("blocking", "worker"))])
go_on.set()
t.join()
