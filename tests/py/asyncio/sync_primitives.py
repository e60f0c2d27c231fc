# asyncio queues (FIFO, LIFO, priority, maxsize, join/task_done, errors),
# locks, events, conditions, semaphores and barriers between tasks.
import asyncio


async def queues():
    q = asyncio.Queue(maxsize=2)
    print("empty/full:", q.empty(), q.full(), q.maxsize, q.qsize())
    await q.put(1)
    q.put_nowait(2)
    print("full:", q.full())
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("QueueFull")
    print(await q.get(), q.get_nowait())
    q.task_done()
    q.task_done()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")

    results = []

    async def producer(n):
        for i in range(n):
            await q.put(i)
        await q.put(None)

    async def consumer():
        while (item := await q.get()) is not None:
            results.append(item * 10)
            q.task_done()
        q.task_done()

    await asyncio.gather(producer(6), consumer())
    await q.join()
    print("produced/consumed:", results)
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError", e)

    lq = asyncio.LifoQueue()
    pq = asyncio.PriorityQueue()
    for x in [3, 1, 2]:
        lq.put_nowait(x)
        pq.put_nowait((x, str(x)))
    print("lifo:", [lq.get_nowait() for _ in range(3)])
    print("priority:", [pq.get_nowait() for _ in range(3)])

    q = asyncio.Queue()
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    getter.cancel()
    try:
        await getter
    except asyncio.CancelledError:
        print("getter cancelled, queue still empty:", q.empty())


async def locks():
    lock = asyncio.Lock()
    order = []

    async def critical(name):
        async with lock:
            order.append(f"{name}+")
            await asyncio.sleep(0.001)
            order.append(f"{name}-")

    await asyncio.gather(*(critical(n) for n in "abc"))
    print("lock order:", order, "locked after:", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError", e)

    ev = asyncio.Event()
    woke = []

    async def waiter(i):
        await ev.wait()
        woke.append(i)

    ws = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("before set:", woke, ev.is_set())
    ev.set()
    await asyncio.gather(*ws)
    print("after set:", sorted(woke))
    ev.clear()
    print("cleared:", ev.is_set())

    cond = asyncio.Condition()
    items = []

    async def cons():
        async with cond:
            await cond.wait_for(lambda: len(items) >= 2)
            return list(items)

    c = asyncio.create_task(cons())
    for i in range(2):
        await asyncio.sleep(0)
        async with cond:
            items.append(i)
            cond.notify_all()
    print("condition:", await c)
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError", e)

    sem = asyncio.Semaphore(2)
    active = 0
    peak = 0

    async def limited():
        nonlocal active, peak
        async with sem:
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0.001)
            active -= 1

    await asyncio.gather(*(limited() for _ in range(6)))
    print("semaphore peak:", peak)
    bs = asyncio.BoundedSemaphore(1)
    await bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print("ValueError", e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError", e)

    barrier = asyncio.Barrier(3)
    got = []

    async def at_barrier(i):
        pos = await barrier.wait()
        got.append(pos)

    await asyncio.gather(*(at_barrier(i) for i in range(3)))
    print("barrier positions:", sorted(got), barrier.n_waiting, barrier.broken)


asyncio.run(queues())
asyncio.run(locks())
