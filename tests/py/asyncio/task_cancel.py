# Task cancellation: before the first step, while awaiting a future (which is
# cancelled too), with a message, cancelling()/uncancel() counts, a coroutine
# that swallows CancelledError and carries on, cancel() of finished tasks,
# cancelling a task that awaits another task.
import asyncio


async def sleeper(log, fut=None):
    log.append("started")
    try:
        if fut is not None:
            return await fut
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        log.append(("caught", e.args))
        raise
    finally:
        log.append("finally")


async def stubborn(log):
    for round_ in range(3):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            t = asyncio.current_task()
            log.append((round_, e.args, t.cancelling()))
            t.uncancel()
    return "survived"


async def outcome(t):
    try:
        r = await t
    except asyncio.CancelledError as e:
        return ("CancelledError", e.args)
    except Exception as e:
        return (type(e).__name__, e.args)
    return ("result", r)


async def main():
    loop = asyncio.get_running_loop()

    # cancelled before it ever ran: the coroutine body never starts
    log = []
    t = asyncio.create_task(sleeper(log))
    print("cancel() ->", t.cancel(), "cancelling:", t.cancelling(), "done:", t.done())
    print(await outcome(t), log, t.cancelled(), t.cancelling())

    # cancelled while awaiting a future: the future is cancelled as well
    log = []
    fut = loop.create_future()
    t = asyncio.create_task(sleeper(log, fut))
    await asyncio.sleep(0)
    print("cancel('stop') ->", t.cancel("stop"), "fut cancelled yet:", fut.cancelled())
    print("second cancel ->", t.cancel("again"), "cancelling:", t.cancelling())
    print(await outcome(t), log)
    print("future:", fut.cancelled(), "task:", t.cancelled())
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result():", e.args)
    try:
        t.exception()
    except asyncio.CancelledError as e:
        print("exception():", e.args)

    # a task that catches CancelledError and keeps going
    log = []
    t = asyncio.create_task(stubborn(log))
    for i in range(3):
        await asyncio.sleep(0)
        t.cancel(f"try {i}")
    print(await outcome(t), log, t.cancelling())

    # uncancel() counts down, never below zero
    t = asyncio.create_task(asyncio.sleep(10))
    print([t.cancel() for _ in range(3)], t.cancelling())
    print([t.uncancel() for _ in range(4)], t.cancelling())
    await asyncio.sleep(0)
    print("after uncancel, still cancelled:", t.cancelled(), t.done())

    # cancel() on finished tasks
    done = asyncio.create_task(asyncio.sleep(0, "ok"))
    await done
    print("cancel finished:", done.cancel(), done.cancelling(), done.result())
    bad = asyncio.create_task(asyncio.sleep(0))
    bad.cancel()
    await outcome(bad)
    print("cancel cancelled:", bad.cancel(), bad.cancelling())

    # cancelling an outer task cancels the inner task it awaits
    log = []
    inner = asyncio.create_task(sleeper(log))

    async def outer():
        return await inner

    o = asyncio.create_task(outer())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    o.cancel("outer msg")
    print("outer:", await outcome(o))
    print("inner:", inner.cancelled(), log)

    # the coroutine turns cancellation into a return value
    async def converts():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            return f"converted {e.args}"

    t = asyncio.create_task(converts())
    await asyncio.sleep(0)
    t.cancel("m")
    print(await outcome(t), t.cancelled(), t.cancelling())

    # raising another exception from the handler
    async def replaces():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            raise KeyError("replaced")

    t = asyncio.create_task(replaces())
    await asyncio.sleep(0)
    t.cancel()
    print(await outcome(t), t.cancelled())
    print("main cancelling:", asyncio.current_task().cancelling())


asyncio.run(main())
