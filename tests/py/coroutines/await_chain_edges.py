# Chains of coroutines awaiting each other, driven by send/throw/close:
# return values, exceptions crossing levels, cr_await / cr_running /
# cr_frame while chained, suspension at the bottom, reuse errors.
import sys
import types
import traceback


@types.coroutine
def suspend(v):
    got = yield v
    return got


async def fib(n):
    if n <= 1:
        return n
    return await fib(n - 1) + await fib(n - 2)


def drive(c):
    try:
        while True:
            c.send(None)
    except StopIteration as e:
        return e.value


print(drive(fib(15)))


async def leaf(tag):
    x = await suspend(("leaf", tag))
    y = await suspend(("again", tag))
    return (tag, x, y)


async def mid(depth):
    if depth == 0:
        return await leaf("L")
    r = await mid(depth - 1)
    return (depth, r)


c = mid(3)
print(c.send(None))
print(c.send("one"))
lvl = c
while lvl is not None:
    print(type(lvl).__name__, lvl.cr_frame.f_code.co_name if hasattr(lvl, "cr_frame") else lvl.gi_frame.f_code.co_name)
    lvl = getattr(lvl, "cr_await", None) if hasattr(lvl, "cr_await") else lvl.gi_yieldfrom
try:
    c.send("two")
except StopIteration as e:
    print("result", e.value)
print(c.cr_frame, c.cr_await, c.cr_running)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)


async def failing(depth):
    if depth == 0:
        await suspend("bottom")
        raise ValueError("deep failure")
    try:
        return await failing(depth - 1)
    except ValueError as e:
        if depth == 2:
            return ("handled at", depth, str(e), sys.exc_info()[0].__name__)
        raise


c = failing(4)
print(c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print("stop", e.value)

c = failing(1)
c.send(None)
try:
    c.send(None)
except ValueError as e:
    print("out", e, [f.name for f in traceback.extract_tb(e.__traceback__)])

# throw into a chain suspended at the bottom
c = mid(2)
c.send(None)
try:
    c.throw(KeyError("k"))
except KeyError as e:
    print("thrown through", e)
print(c.cr_frame)

# close a chain
async def guarded(n):
    try:
        if n:
            return await guarded(n - 1)
        return await suspend("g")
    finally:
        print("finally", n)


c = guarded(2)
print(c.send(None))
c.close()

# awaiting an already awaited coroutine, and one being awaited
async def plain():
    return 7


async def twice():
    p = plain()
    a = await p
    try:
        await p
    except RuntimeError as e:
        return (a, str(e))


print(drive(twice()))


async def waiter(co):
    return await co


inner = leaf("W")
w1 = waiter(inner)
w1.send(None)
w2 = waiter(inner)
try:
    w2.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
w1.close()

# StopIteration raised inside a coroutine (PEP 479)
async def stopper():
    raise StopIteration("s")


async def over_stopper():
    return await stopper()


try:
    over_stopper().send(None)
except RuntimeError as e:
    print("RuntimeError", e, repr(e.__cause__))

# exc_info seen across awaits
async def exc_seen():
    return sys.exc_info()[0]


async def in_handler():
    try:
        raise LookupError
    except LookupError:
        return await exc_seen()


print(drive(in_handler()))
try:
    raise OSError
except OSError:
    print(drive(exc_seen()))

# a deep await chain
async def deep(n):
    if n == 0:
        return 0
    return await deep(n - 1) + 1


print(drive(deep(500)))
