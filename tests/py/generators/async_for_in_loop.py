# `async for` and `await agen.asend(v)` drive an async generator from the
# awaiting frame: values of its own, awaits passed up to the driver, its
# end, its errors, and the awaitable's and generator's states after each.
import types


@types.coroutine
def suspend(tag):
    got = yield ("suspended", tag)
    return got


async def numbers(n, log):
    for i in range(n):
        log.append(("ag_running", nums_gen[0].ag_running))
        got = await suspend(i)
        log.append(("resumed with", got))
        yield i * 10


def drive(coro, sends=None):
    """Runs `coro`, answering each suspension with the next of `sends`."""
    out = []
    sends = list(sends or [])
    v = None
    while True:
        try:
            y = coro.send(v)
        except StopIteration as e:
            out.append(("result", e.value))
            return out
        out.append(y)
        v = sends.pop(0) if sends else f"answer-{len(out)}"


nums_gen = [None]


async def consume(n):
    log = []
    g = numbers(n, log)
    nums_gen[0] = g
    got = []
    async for v in g:
        got.append(v)
        got.append(g.ag_running)
    return got, log


for step in drive(consume(3)):
    print(step)


# a chain of async generators, each re-yielding the one below
class Node:
    def __init__(self, left, value, right):
        self.left, self.value, self.right = left, value, right

    async def __aiter__(self):
        if self.left:
            async for v in self.left:
                yield v
        yield self.value
        if self.right:
            async for v in self.right:
                yield v


def build(lo, hi):
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Node(build(lo, mid), mid, build(mid + 1, hi))


async def walk(tree):
    return [v async for v in tree]


print(drive(walk(build(0, 20))))


# asend(v) reaches the generator; its return value is StopAsyncIteration
async def echo():
    received = []
    while True:
        v = yield len(received)
        if v is None:
            return
        received.append(v)


async def use_asend():
    g = echo()
    out = [await g.asend(None)]
    out.append(await g.asend("a"))
    out.append(await g.asend("b"))
    try:
        await g.asend(None)
    except StopAsyncIteration as e:
        out.append(("stop", type(e).__name__, e.args))
    try:
        await g.asend(None)
    except StopAsyncIteration:
        out.append("stop again")
    return out


print(drive(use_asend()))


# an exception in the generator leaves it at the awaiting frame's line
async def failing():
    yield 1
    await suspend("before failing")
    raise ValueError("inside agen")


async def catch_it():
    seen = []
    try:
        async for v in failing():
            seen.append(v)
    except ValueError as e:
        tb = e.__traceback__
        names = []
        while tb:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        seen.append((repr(e), names))
    return seen


print(drive(catch_it()))


# StopAsyncIteration and StopIteration raised inside become RuntimeError
async def raises(exc):
    yield "first"
    raise exc


async def pep479(exc):
    out = []
    try:
        async for v in raises(exc):
            out.append(v)
    except RuntimeError as e:
        out.append((str(e), type(e.__cause__).__name__))
    return out


print(drive(pep479(StopAsyncIteration())))
print(drive(pep479(StopIteration())))


# an awaitable reused, a generator driven twice at once
async def slow():
    await suspend("slow")
    yield "slow value"


async def reuse():
    out = []
    g = slow()
    aw = g.__anext__()
    out.append(await aw)
    try:
        await aw
    except RuntimeError as e:
        out.append(str(e))
    g2 = slow()
    first = g2.__anext__()
    first.send(None)
    try:
        await g2.__anext__()
    except RuntimeError as e:
        out.append(str(e))
    return out


print(drive(reuse()))


# breaking out of the loop leaves the generator suspended; aclose() ends it
async def counted():
    try:
        for i in range(10):
            yield i
    finally:
        print("counted finally")


async def breaker():
    g = counted()
    async for v in g:
        if v == 2:
            break
    print("frame after break:", g.ag_frame is not None)
    await g.aclose()
    print("frame after aclose:", g.ag_frame)
    return "done"


print(drive(breaker()))


# athrow() into a generator suspended at its own yield
async def thrown():
    try:
        yield "ready"
    except KeyError as e:
        yield f"caught {e!r}"


async def use_athrow():
    g = thrown()
    out = [await g.__anext__()]
    out.append(await g.athrow(KeyError("k")))
    try:
        await g.__anext__()
    except StopAsyncIteration:
        out.append("ended")
    return out


print(drive(use_athrow()))
