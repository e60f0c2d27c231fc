# asyncio.to_thread, loop.run_in_executor, call_soon_threadsafe and
# run_coroutine_threadsafe between the loop thread and worker threads;
# exceptions raised in workers reach the awaiting task.
import asyncio
import concurrent.futures
import contextvars
import threading
import time

request = contextvars.ContextVar("request", default="none")


def blocking(n, delay=0.01):
    time.sleep(delay)
    return n * n, request.get(), threading.current_thread() is not threading.main_thread()


def fails(msg):
    raise KeyError(msg)


async def main():
    request.set("r1")
    print("to_thread:", await asyncio.to_thread(blocking, 3))
    results = await asyncio.gather(*(asyncio.to_thread(blocking, i) for i in range(5)))
    print("gathered:", [r[0] for r in results], all(r[2] for r in results))
    try:
        await asyncio.to_thread(fails, "worker")
    except KeyError as e:
        print("KeyError from thread:", e)

    loop = asyncio.get_running_loop()
    print("default executor:", await loop.run_in_executor(None, blocking, 4))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        rs = await asyncio.gather(*(loop.run_in_executor(pool, blocking, i, 0.005) for i in range(4)))
        print("pool:", [r[0] for r in rs], [r[1] for r in rs][:1])

    fut = loop.create_future()

    def from_thread():
        time.sleep(0.01)
        loop.call_soon_threadsafe(fut.set_result, "set from thread")

    threading.Thread(target=from_thread).start()
    print(await fut)

    async def on_loop(x):
        await asyncio.sleep(0)
        return x + 1

    def submit():
        cf = asyncio.run_coroutine_threadsafe(on_loop(41), loop)
        return cf.result(timeout=5)

    print("run_coroutine_threadsafe:", await asyncio.to_thread(submit))

    ev = asyncio.Event()
    threading.Timer(0.01, lambda: loop.call_soon_threadsafe(ev.set)).start()
    await asyncio.wait_for(ev.wait(), 5)
    print("event set from a timer thread:", ev.is_set())

    cf = concurrent.futures.Future()
    wrapped = asyncio.wrap_future(cf)
    threading.Thread(target=lambda: cf.set_result("wrapped")).start()
    print(await wrapped)


asyncio.run(main())


def runs_own_loop(i):
    return asyncio.run(asyncio.sleep(0.01, result=i))


threads = [concurrent.futures.ThreadPoolExecutor(4)]
print("loops in threads:", list(threads[0].map(runs_own_loop, range(4))))
threads[0].shutdown()
