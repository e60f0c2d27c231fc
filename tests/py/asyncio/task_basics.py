# asyncio.Task basics: create_task/Task(), names (explicit, converted with str(),
# default Task-N), get_coro, results and exceptions, repr in each state,
# current_task()/all_tasks(), done callbacks, a bare yield handing control back
# (and a bad yield), get_stack(),
# the TypeError for non-coroutines, and KeyboardInterrupt/SystemExit escaping
# run_until_complete.
import asyncio
import re
import types


def clean(text):
    text = re.sub(r" at 0x[0-9a-f]+", " at 0x...", text)
    return re.sub(r"Task-\d+", "Task-N", text)


def attempt(label, fn, *args, **kwargs):
    try:
        r = fn(*args, **kwargs)
    except BaseException as e:
        print(label, "->", type(e).__name__, clean(str(e)))
    else:
        print(label, "=", clean(repr(r)))


async def value(x):
    await asyncio.sleep(0)
    return x


async def failing(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


@types.coroutine
def relinquish():
    yield                      # a bare yield just gives the loop one turn


@types.coroutine
def yields(v):
    yield v                    # anything but None or a future is refused


async def inner_frame(gate):
    return await gate


async def outer_frame(gate):
    return await inner_frame(gate)


async def ticker(name, n, log):
    for i in range(n):
        log.append(f"{name}{i}")
        await relinquish()
    return name


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(value(1), name="first")
    print(t.get_name(), clean(repr(t)))
    print("coro:", clean(repr(t.get_coro())), t.get_coro().__name__)
    print("await:", await t, t.done(), t.cancelled(), t.result(), t.exception())
    print(clean(repr(t)))

    for name in (42, 3.5, None, ("a", 1)):
        t = asyncio.create_task(value(0), name=name)
        print("name", repr(name), "->", clean(repr(t.get_name())))
        t.set_name(["list", name])
        print("  set_name ->", repr(t.get_name()))
        await t
    t = asyncio.Task(value(2), loop=loop)
    t2 = asyncio.ensure_future(value(3))
    print("defaults:", clean(t.get_name()), clean(t2.get_name()), await t, await t2)
    t1 = asyncio.create_task(value(0))
    t2 = asyncio.create_task(value(0))
    n1, n2 = (int(x.get_name().split("-")[1]) for x in (t1, t2))
    print("counter steps by one:", n2 - n1, await t1, await t2)

    t = asyncio.create_task(failing("bad"), name="failing")
    try:
        await t
    except ValueError as e:
        print("raised:", e, t.exception() is e, t.done(), t.cancelled())
    print(clean(repr(t)))
    attempt("result()", t.result)

    t = asyncio.create_task(value("x"), name="not started")
    print(clean(repr(t)))
    print("current:", asyncio.current_task().get_name(), asyncio.current_task(loop) is asyncio.current_task())
    print("all_tasks:", sorted(clean(x.get_name()) for x in asyncio.all_tasks()))
    seen = []
    t.add_done_callback(lambda fut: seen.append(("early", fut.result())))
    await t
    print("callbacks:", seen)
    t.add_done_callback(lambda fut: seen.append(("late", fut.result())))
    print("added after done, not yet run:", seen)
    await asyncio.sleep(0)
    print("after a turn:", seen)

    log = []
    a = asyncio.create_task(ticker("a", 3, log))
    b = asyncio.create_task(ticker("b", 2, log))
    print(await asyncio.gather(a, b), log)

    c = value(9)
    attempt("Task(1)", asyncio.Task, 1)
    attempt("Task(function)", asyncio.Task, value)
    attempt("create_task(list)", asyncio.create_task, [c])
    g = asyncio.Task((i for i in ()))     # 3.11 still accepts generators
    print("generator task:", await g)
    print("coroutine still usable:", await c)
    bad = asyncio.create_task(yields(42))
    await asyncio.wait([bad])
    print("bad yield:", type(bad.exception()).__name__, bad.exception())
    gate = loop.create_future()
    st = asyncio.create_task(outer_frame(gate))
    print("stack before start:", [f.f_code.co_name for f in st.get_stack()])
    await asyncio.sleep(0)
    print("stack while waiting:", [f.f_code.co_name for f in st.get_stack()])
    gate.set_result("through")
    print(await st, "stack when done:", st.get_stack())
    attempt("set_result on task", t.set_result, 1)
    attempt("set_exception on task", t.set_exception, ValueError())
    return "main done"


print("outside:", asyncio.current_task.__name__)
attempt("current_task()", asyncio.current_task)
attempt("all_tasks()", asyncio.all_tasks)
print(asyncio.run(main()))
attempt("current_task() after", asyncio.current_task)


# KeyboardInterrupt and SystemExit raised in a task escape run_until_complete,
# and the task still records them; a task awaiting it re-raises them too
async def raiser(exc):
    await asyncio.sleep(0)
    raise exc


async def waits_on(t):
    try:
        return await t
    finally:
        print("  waiter finally")


for exc in (KeyboardInterrupt("ki"), SystemExit(3)):
    loop = asyncio.new_event_loop()
    t = loop.create_task(raiser(exc), name="raiser")
    w = loop.create_task(waits_on(t), name="waiter")
    for target in (t, w):
        try:
            loop.run_until_complete(target)
        except BaseException as e:
            print("escaped:", type(e).__name__, e.args, e is exc)
        print(" ", target.get_name(), target.done(), target.exception() is exc)
    loop.close()
