# asyncio.Task as the C _asyncio module defines it: private attributes
# (_state, _coro, _fut_waiter, _must_cancel, _log_destroy_pending), the
# task_wakeup callback seen in reprs, "cancelling" reprs, the RuntimeErrors for
# bad yields / foreign futures / awaiting itself, get_stack()/print_stack(),
# argument errors, and which helpers come from _asyncio.
import asyncio
import io
import re
import types
from asyncio import events, tasks


def clean(text):
    text = re.sub(r" at 0x[0-9a-f]+", " at 0x...", str(text))
    return re.sub(r"Task-\d+", "Task-N", text)


def attempt(label, fn, *args, **kwargs):
    try:
        r = fn(*args, **kwargs)
    except BaseException as e:
        print(label, "->", type(e).__name__, clean(e))
    else:
        print(label, "=", clean(repr(r)))


@types.coroutine
def yield_value(v):
    yield v


other = asyncio.new_event_loop()


async def bad_value():
    await yield_value(42)


async def bad_generator():
    await yield_value(i for i in ())


async def foreign_future():
    await other.create_future()


async def await_self():
    await asyncio.current_task()


async def waiter(fut):
    return await fut


async def middle(fut):
    return await waiter(fut)


async def fails():
    raise ValueError("from fails")


async def main():
    loop = asyncio.get_running_loop()
    for fn in (bad_value, bad_generator, foreign_future, await_self):
        t = asyncio.create_task(fn(), name=fn.__name__)
        try:
            await t
        except RuntimeError as e:
            print(fn.__name__, "->", clean(e))

    fut = loop.create_future()
    t = asyncio.create_task(middle(fut), name="w")
    print("fresh:", t._state, t._fut_waiter, t._must_cancel, clean(repr(t._coro)), t._log_destroy_pending)
    attempt("_num_cancels_requested", getattr, t, "_num_cancels_requested")
    print("stack before start:", [f.f_code.co_name for f in t.get_stack()])
    await asyncio.sleep(0)
    print(clean(repr(t)))
    print("waiting on:", t._fut_waiter is fut, clean(repr(fut)))
    (cb, ctx), = fut._callbacks
    print("wakeup callback:", type(cb).__name__, cb.__name__, cb.__qualname__, cb.__self__ is t, type(ctx).__name__)
    print("stack:", [f.f_code.co_name for f in t.get_stack()],
          [f.f_code.co_name for f in t.get_stack(limit=1)], t.get_stack(limit=0))
    buf = io.StringIO()
    t.print_stack(file=buf)
    print(clean(re.sub(r"line \d+", "line N", buf.getvalue())))

    for name, value in (("_must_cancel", True), ("_coro", None), ("_fut_waiter", None), ("_state", "X")):
        attempt("set " + name, setattr, t, name, value)
    t._log_destroy_pending = 0
    print("log_destroy_pending:", t._log_destroy_pending)
    attempt("del _log_destroy_pending", delattr, t, "_log_destroy_pending")
    t.cancel("going")
    print(clean(repr(t)), t._must_cancel, t._cancel_message)
    try:
        await t
    except asyncio.CancelledError:
        pass
    print(clean(repr(t)), t._fut_waiter, t._must_cancel)
    print("stack after:", t.get_stack())

    t2 = asyncio.create_task(waiter(fut))
    t2.cancel("early")
    print(clean(repr(t2)), t2._must_cancel, t2._cancel_message)
    await asyncio.gather(t2, return_exceptions=True)

    t3 = asyncio.create_task(fails(), name="fails")
    await asyncio.wait([t3])
    print("failed stack:", [f.f_code.co_name for f in t3.get_stack()])
    buf = io.StringIO()
    t3.print_stack(file=buf)
    print(clean(buf.getvalue()))
    t3.exception()

    c = waiter(fut)
    attempt("Task()", asyncio.Task)
    attempt("Task(c, 1)", asyncio.Task, c, 1)
    attempt("Task(c, foo=1)", asyncio.Task, c, foo=1)
    attempt("Task(c, loop=1)", asyncio.Task, c, loop=1)
    attempt("cancel(1, 2)", t.cancel, 1, 2)
    attempt("get_stack(1)", t.get_stack, 1)
    attempt("set_name()", t.set_name)
    attempt("uncancel(1)", t.uncancel, 1)
    attempt("cancelling(1)", t.cancelling, 1)
    c.close()
    t.anything = 1
    attempt("__dict__", getattr, t, "__dict__")


print(sorted(k for k in asyncio.Task.__dict__ if not k.startswith("__")))
print([f.__module__ for f in (tasks._enter_task, tasks._leave_task, tasks._register_task,
                              tasks._unregister_task, events.get_running_loop,
                              events._get_running_loop, events._set_running_loop,
                              events.get_event_loop)])
attempt("get_running_loop(1)", asyncio.get_running_loop, 1)
attempt("_set_running_loop()", events._set_running_loop)
attempt("_enter_task(1)", tasks._enter_task, 1)
asyncio.run(main())
other.close()
