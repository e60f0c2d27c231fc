# repr() of futures in every state (callbacks listed, long results shortened,
# debug-mode creation site), and Python subclasses of asyncio.Future:
# extra attributes, overridden methods, custom __repr__, use from a task.
import asyncio
import functools
import gc
import re


def clean(text):
    return re.sub(r" at 0x[0-9a-f]+", " at 0x...", text)


def first_cb(fut):
    pass


def second_cb(fut, extra=None):
    pass


loop = asyncio.new_event_loop()
f = loop.create_future()
print(clean(repr(f)))
f.add_done_callback(first_cb)
print(clean(repr(f)))
f.add_done_callback(functools.partial(second_cb, extra=1))
print(clean(repr(f)))
f.add_done_callback(print)
f.add_done_callback(first_cb)
print(clean(repr(f)))
f.set_result(None)
print(clean(repr(f)))
loop.run_until_complete(asyncio.sleep(0))

for value in (0, "short", "y" * 100, [1, [2, [3, [4, [5, [6]]]]]], {"k": b"v"}):
    f = loop.create_future()
    f.set_result(value)
    print(repr(f))
f = loop.create_future()
f.set_exception(ValueError("bad value " * 5))
print(repr(f))
f.exception()
f = loop.create_future()
f.cancel("with a message")
print(repr(f), str(f) == repr(f))

# debug mode records where the future was created
loop.set_debug(True)
dbg = asyncio.Future(loop=loop)
print(clean(repr(dbg)))
print(dbg._source_traceback[-1].name, type(dbg._source_traceback).__name__)
dbg.cancel()
loop.set_debug(False)


class TracingFuture(asyncio.Future):
    created = 0

    def __init__(self, *, loop=None, tag="?"):
        super().__init__(loop=loop)
        TracingFuture.created += 1
        self.tag = tag
        self.events = []

    def set_result(self, result):
        self.events.append(("set_result", result))
        super().set_result(result * 2)

    def cancel(self, msg=None):
        self.events.append(("cancel", msg))
        return super().cancel(msg=f"[{self.tag}] {msg}")

    def add_done_callback(self, fn, *, context=None):
        self.events.append(("add_done_callback", getattr(fn, "__name__", "?")))
        super().add_done_callback(fn, context=context)


class Plain(asyncio.Future):
    pass


class Pretty(asyncio.Future):
    def __repr__(self):
        return f"<Pretty {self._state.lower()}>"


p = Plain(loop=loop)
print(clean(repr(p)), asyncio.isfuture(p), p.get_loop() is loop)
p.note = "attribute on instance"
print(p.note, getattr(p, "missing", "no such attribute"))
print(repr(Pretty(loop=loop)))
print(Plain[int].__origin__ is Plain)

t = TracingFuture(loop=loop, tag="A")
print(clean(repr(t)), t.tag, TracingFuture.created)
t.add_done_callback(first_cb)
t.set_result(21)
print("result doubled:", t.result(), t.events)

async def waiter(fut):
    return await fut

async def main():
    a = TracingFuture(tag="B")
    task = asyncio.create_task(waiter(a))
    await asyncio.sleep(0)
    a.set_result(5)
    print("task got:", await task)
    print("events B:", a.events[1:])
    b = TracingFuture(tag="C")
    task = asyncio.create_task(waiter(b))
    await asyncio.sleep(0)
    task.cancel("from main")
    try:
        await task
    except asyncio.CancelledError as e:
        print("cancelled:", e.args, b.cancelled())
    print("events C:", b.events[1:], b._cancel_message)

loop.run_until_complete(main())
print("created:", TracingFuture.created)
gc.collect()
loop.close()
