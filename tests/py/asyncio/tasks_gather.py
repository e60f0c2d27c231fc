# asyncio.run with tasks, gather (results, exceptions, return_exceptions),
# as_completed, wait and task names, results and cancellation.
import asyncio


async def work(name, delay, result=None, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"{name} failed")
    return result if result is not None else name.upper()


async def main():
    t = asyncio.create_task(work("a", 0.01), name="task-a")
    print(t.get_name(), t.done())
    print(await t, t.done(), t.result(), t.cancelled())

    print(await asyncio.gather(work("x", 0.02), work("y", 0.01), work("z", 0)))
    r = await asyncio.gather(work("ok", 0), work("bad", 0, fail=True), return_exceptions=True)
    print([type(x).__name__ if isinstance(x, BaseException) else x for x in r])
    try:
        await asyncio.gather(work("p", 0.01), work("q", 0, fail=True))
    except ValueError as e:
        print("gather raised:", e)

    order = []
    for fut in asyncio.as_completed([work("slow", 0.03), work("fast", 0.0), work("mid", 0.015)]):
        order.append(await fut)
    print("as_completed:", order)

    gate = asyncio.Event()

    async def gated(i):
        if i >= 2:
            await gate.wait()
        return str(i)

    tasks = [asyncio.create_task(gated(i)) for i in range(4)]
    done, pending = await asyncio.wait(tasks, timeout=0.05)
    print("wait timeout:", sorted(t.result() for t in done), len(pending))
    gate.set()
    done, pending = await asyncio.wait(pending)
    print("wait rest:", sorted(t.result() for t in done), len(pending))

    tasks = [asyncio.create_task(work("f", 0.0, fail=True)), asyncio.create_task(work("s", 0.5))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("first exception:", [type(t.exception()).__name__ for t in done], len(pending))
    for p in pending:
        p.cancel()
    r = await asyncio.gather(*pending, return_exceptions=True)
    print("cancelled:", [type(x).__name__ for x in r])

    t = asyncio.create_task(work("c", 10))
    await asyncio.sleep(0)
    print("cancel() ->", t.cancel("stop now"))
    try:
        await t
    except asyncio.CancelledError as e:
        print("CancelledError", e.args, t.cancelled())
    try:
        t.result()
    except asyncio.CancelledError:
        print("result() raises CancelledError")

    t = asyncio.create_task(work("e", 0, fail=True))
    await asyncio.sleep(0.01)
    print("exception():", repr(t.exception()))

    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.01, fut.set_result, 42)
    print("future:", await fut)
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError:
        print("InvalidStateError")
    calls = []
    loop.call_soon(calls.append, 1)
    h = loop.call_soon(calls.append, 2)
    h.cancel()
    loop.call_soon(calls.append, 3)
    await asyncio.sleep(0)
    print("call_soon:", calls)
    print("current task is main:", asyncio.current_task().get_coro().__name__)
    print("all tasks:", len(asyncio.all_tasks()))
    return "main done"


print(asyncio.run(main()))
try:
    asyncio.run(work("top", 0, fail=True))
except ValueError as e:
    print("run raised:", e)
try:
    asyncio.run(42)
except ValueError as e:
    print("ValueError", e)


async def nested():
    coro = work("inner", 0)
    try:
        asyncio.run(coro)
    finally:
        coro.close()


try:
    asyncio.run(nested())
except RuntimeError as e:
    print("RuntimeError", e)
