# Async generators under asyncio: async for, comprehensions, asend/athrow,
# aclose running finally blocks, loop.shutdown_asyncgens closing a
# generator left suspended, and the errors of misuse.
import asyncio

log = []


async def ticker(n, delay=0):
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            yield i
    except GeneratorExit:
        log.append(f"ticker({n}) GeneratorExit")
        raise
    finally:
        log.append(f"ticker({n}) finally")


async def echo():
    received = []
    try:
        while True:
            try:
                v = yield len(received)
            except KeyError as e:
                received.append(f"caught {e!r}")
                continue
            received.append(v)
    finally:
        log.append(("echo saw", received))


async def main():
    print("async for:", [x async for x in ticker(3)])
    print("filtered:", [x * x async for x in ticker(6) if x % 2])
    g = ticker(10)
    print("first two:", await anext(g), await anext(g))
    await g.aclose()
    print("after aclose:", log[-2:])
    try:
        await anext(g)
    except StopAsyncIteration:
        print("StopAsyncIteration after aclose")
    print("anext default:", await anext(g, "default"))

    e = echo()
    print("asend:", await e.asend(None), await e.asend("a"), await e.asend("b"))
    print("athrow:", await e.athrow(KeyError("k")))
    await e.aclose()
    print(log[-1])

    async def ignores_exit():
        try:
            yield 1
        finally:
            yield 2

    g = ignores_exit()
    await anext(g)
    try:
        await g.aclose()
    except RuntimeError as e:
        print("RuntimeError", e)

    async def raises():
        yield 1
        raise ValueError("inside")

    g = raises()
    print(await anext(g))
    try:
        await anext(g)
    except ValueError as e:
        print("ValueError", e)

    async def stop_inside():
        yield 1
        raise StopAsyncIteration

    g = stop_inside()
    await anext(g)
    try:
        await anext(g)
    except RuntimeError as e:
        print("RuntimeError", e)

    g = ticker(3, 0.01)
    a1 = anext(g)
    t = asyncio.create_task(a1)
    await asyncio.sleep(0)
    try:
        await anext(g)
    except RuntimeError as e:
        print("RuntimeError", e)
    print("task got:", await t)
    await g.aclose()

    try:
        anext(42)
    except TypeError as e:
        print("TypeError", e)

    # Left suspended: asyncio.run's shutdown_asyncgens closes it.
    global left
    left = ticker(5)
    print("left at:", await anext(left))


log.clear()
asyncio.run(main())
print("after run:", log[-2:])
