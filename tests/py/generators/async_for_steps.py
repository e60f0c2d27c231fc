# `async for` over async generators, driven by hand: the hooks are
# consulted once per generator, each step's awaitable is fresh, and
# nested generators pass values and exceptions through every level.
import sys

seen = []


def firstiter(agen):
    seen.append(("first", agen.ag_code.co_name))


def finalizer(agen):
    seen.append(("final", agen.ag_code.co_name))


def drive(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value


async def count(n):
    for i in range(n):
        yield i


async def nested(depth, n):
    if depth == 0:
        async for i in count(n):
            yield i
    else:
        async for i in nested(depth - 1, n):
            yield i * 10 + depth


async def collect(agen):
    out = []
    async for x in agen:
        out.append(x)
    return out


old = sys.get_asyncgen_hooks()
sys.set_asyncgen_hooks(firstiter=firstiter, finalizer=finalizer)
try:
    print(drive(collect(count(4))))
    print(drive(collect(nested(3, 3))))
    print(seen)
    seen.clear()

    # Awaitables from __anext__: a new one per step, each of the asend type,
    # awaiting itself.
    g = count(3)
    a1, a2 = g.__anext__(), g.__anext__()
    print(a1 is a2, type(a1).__name__, a1.__await__() is a1)
    print(seen)

    # An exception from the innermost level reaches the outer loop.
    async def boom():
        yield 1
        raise KeyError("deep")

    async def wrap():
        async for v in boom():
            yield v

    async def main():
        got = []
        try:
            async for v in wrap():
                got.append(v)
        except KeyError as e:
            got.append(repr(e))
        return got

    print(drive(main()))

    # A class with __anext__ returning a plain awaitable still works.
    class Ticks:
        def __init__(self):
            self.n = 0

        def __aiter__(self):
            return self

        async def __anext__(self):
            self.n += 1
            if self.n > 3:
                raise StopAsyncIteration
            return self.n

    print(drive(collect(Ticks())))

    # __anext__ returning a non-awaitable: TypeError from the loop.
    class Bad:
        def __aiter__(self):
            return self

        def __anext__(self):
            return 5

    try:
        drive(collect(Bad()))
    except TypeError as e:
        print("TypeError:", e)
finally:
    sys.set_asyncgen_hooks(*old)
