# wait_for, asyncio.timeout / timeout_at, TaskGroup (results, errors as an
# ExceptionGroup, cancellation of siblings), shield and cancellation
# propagation.
import asyncio


async def sleeper(delay, value):
    await asyncio.sleep(delay)
    return value


async def failing(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def main():
    print("wait_for ok:", await asyncio.wait_for(sleeper(0, "fast"), timeout=1))
    try:
        await asyncio.wait_for(sleeper(1, "slow"), timeout=0.01)
    except asyncio.TimeoutError as e:
        print("wait_for timed out:", type(e).__name__, isinstance(e, TimeoutError))
    print("wait_for None:", await asyncio.wait_for(sleeper(0, "none"), None))

    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout expired:", cm.expired())
    async with asyncio.timeout(1) as cm:
        await asyncio.sleep(0)
    print("within timeout, expired:", cm.expired())
    try:
        async with asyncio.timeout(None) as cm:
            print("deadline None:", cm.when())
            cm.reschedule(asyncio.get_running_loop().time() + 0.01)
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("cancelled inside rescheduled timeout")
                raise
    except TimeoutError:
        print("rescheduled timeout expired:", cm.expired())
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + 0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout_at expired")

    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(sleeper(0.01, 1))
        t2 = tg.create_task(sleeper(0, 2))
    print("taskgroup results:", t1.result(), t2.result())

    cancelled = []

    async def long_one():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            cancelled.append("long_one")
            raise

    # Both failures are released by one event, so they are raised in one
    # turn of the loop, before the group cancels what is left (two timers
    # of 0.01 s could fire in different turns on a slow run, and the first
    # failure would cancel the second task).
    gate = asyncio.Event()

    async def fails_at_gate(exc):
        await gate.wait()
        raise exc

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(long_one())
            tg.create_task(fails_at_gate(ValueError("v")))
            tg.create_task(fails_at_gate(KeyError("k")))
            await asyncio.sleep(0)
            gate.set()
    except* ValueError as eg:
        print("except* ValueError:", [str(e) for e in eg.exceptions])
    except* KeyError as eg:
        print("except* KeyError:", [repr(e) for e in eg.exceptions])
    print("siblings cancelled:", cancelled)

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(failing(0, TypeError("t")))
            await asyncio.sleep(1)
    except ExceptionGroup as eg:
        print("group:", eg.message, [type(e).__name__ for e in eg.exceptions])

    inner = asyncio.create_task(sleeper(0.02, "shielded"))
    try:
        await asyncio.wait_for(asyncio.shield(inner), 0.005)
    except TimeoutError:
        print("shield timed out; inner cancelled?", inner.cancelled())
    print("inner result:", await inner)

    async def catches_cancel():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            return "swallowed"

    t = asyncio.create_task(catches_cancel())
    await asyncio.sleep(0)
    t.cancel()
    print("swallowed cancel:", await t, t.cancelled())

    t = asyncio.create_task(sleeper(1, None))
    await asyncio.sleep(0)
    t.cancel()
    t.cancel()
    print("cancelling():", t.cancelling())
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled twice, done:", t.done())


asyncio.run(main())
