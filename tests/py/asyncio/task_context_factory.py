# Tasks and contextvars (each task runs in a copy of the context current at
# creation, or in the context= given), Python subclasses of asyncio.Task, and
# loop.set_task_factory / get_task_factory.
import asyncio
import contextvars

request = contextvars.ContextVar("request", default="none")
trail = contextvars.ContextVar("trail", default=())


async def worker(tag):
    before = request.get()
    request.set(f"{tag}-set")
    trail.set(trail.get() + (tag,))
    await asyncio.sleep(0)
    return before, request.get(), trail.get()


async def contexts():
    request.set("main")
    a = asyncio.create_task(worker("a"))
    request.set("main-2")
    b = asyncio.create_task(worker("b"))
    print(await a, await b)
    print("main sees:", request.get(), trail.get())

    ctx = contextvars.copy_context()
    ctx.run(request.set, "in-ctx")
    t = asyncio.create_task(worker("c"), context=ctx)
    print(await t)
    print("given context was used:", ctx[request], ctx[trail])
    t = asyncio.create_task(worker("d"), context=ctx)
    print("reused:", await t, ctx[trail])
    t = asyncio.Task(worker("e"), context=ctx)
    print("Task(context=):", await t)
    print("no get_context in 3.11:", hasattr(asyncio.Task, "get_context"))

    # done callbacks of a task run in the task's context unless told otherwise
    seen = []
    ctx2 = contextvars.copy_context()
    t = asyncio.create_task(worker("f"), context=ctx2)
    t.add_done_callback(lambda _: seen.append(("default", request.get())))
    t.add_done_callback(lambda _: seen.append(("given", request.get())), context=ctx2)
    await t
    await asyncio.sleep(0)
    print("callbacks:", seen)


class LoggingTask(asyncio.Task):
    log = []

    def __init__(self, coro, *, loop=None, name=None, context=None):
        super().__init__(coro, loop=loop, name=name, context=context)
        self.created_by = "factory"
        LoggingTask.log.append(("init", self.get_name()))

    def set_result(self, result):          # Task refuses; the override is never used by the task
        LoggingTask.log.append(("set_result", result))
        super().set_result(result)

    def cancel(self, msg=None):
        LoggingTask.log.append(("cancel", msg))
        return super().cancel(msg)

    def __repr__(self):
        return f"<LoggingTask {self.get_name()}>"


def factory(loop, coro, **kwargs):
    LoggingTask.log.append(("factory", sorted(kwargs)))
    return LoggingTask(coro, loop=loop, **kwargs)


async def subclasses():
    loop = asyncio.get_running_loop()
    print("factory before:", loop.get_task_factory())
    loop.set_task_factory(factory)
    print("factory set:", loop.get_task_factory() is factory)
    t = asyncio.create_task(worker("g"), name="logged")
    print(type(t).__name__, repr(t), t.created_by, isinstance(t, asyncio.Task))
    print(await t)
    t2 = asyncio.ensure_future(worker("h"))
    await asyncio.sleep(0)
    print("cancel ->", t2.cancel("bye"))
    try:
        await t2
    except asyncio.CancelledError as e:
        print("cancelled:", e.args)
    r = await asyncio.gather(worker("i"), worker("j"))
    print("gather through factory:", [x[0] for x in r])
    loop.set_task_factory(None)
    print("factory reset:", loop.get_task_factory())
    t3 = asyncio.create_task(worker("k"))
    print(type(t3).__name__)
    await t3
    try:
        loop.set_task_factory(42)
    except TypeError as e:
        print("TypeError", e)
    for entry in LoggingTask.log:
        print(" ", entry if entry[0] != "init" or not entry[1].startswith("Task-") else ("init", "Task-N"))
    print("current task type:", type(asyncio.current_task()).__name__)
    lt = LoggingTask(worker("direct"), name="direct")
    print(await lt, repr(lt))


asyncio.run(contexts())
asyncio.run(subclasses())
