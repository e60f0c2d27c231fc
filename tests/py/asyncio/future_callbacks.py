# Future done callbacks: ordering, scheduling through the loop (never called
# synchronously), context=, remove_done_callback counting duplicates, callbacks
# added after completion, a raising callback reaching the exception handler.
import asyncio
import contextvars
import functools

log = []
var = contextvars.ContextVar("var", default="default")


def cb(tag):
    def inner(fut):
        state = "cancelled" if fut.cancelled() else repr(fut.result())
        log.append(f"{tag}:{state}:{var.get()}")
    inner.__name__ = f"cb_{tag}"
    return inner


def flush(loop):
    # run the loop until the ready queue empties (two rounds is plenty here)
    loop.run_until_complete(asyncio.sleep(0))
    loop.run_until_complete(asyncio.sleep(0))
    print(log)
    log.clear()


loop = asyncio.new_event_loop()
handled = []
loop.set_exception_handler(lambda lp, ctx: handled.append(
    (ctx["message"], type(ctx.get("exception")).__name__)))

# order of registration is kept; nothing runs synchronously
f = loop.create_future()
a, b, c = cb("a"), cb("b"), cb("c")
for fn in (b, a, c):
    f.add_done_callback(fn)
f.set_result(1)
print("after set_result:", log)
flush(loop)

# remove_done_callback returns how many entries were removed
f = loop.create_future()
for fn in (a, b, a, c, a):
    f.add_done_callback(fn)
print("removed a:", f.remove_done_callback(a))
print("removed a again:", f.remove_done_callback(a))
print("removed missing:", f.remove_done_callback(print))
f.add_done_callback(a)
print("removed c:", f.remove_done_callback(c))
f.cancel()
flush(loop)
print("remove after done:", f.remove_done_callback(a))

# removing by equality: bound methods compare equal
class Holder:
    def __init__(self, name):
        self.name = name

    def method(self, fut):
        log.append(f"method {self.name}")

h = Holder("h")
f = loop.create_future()
f.add_done_callback(h.method)
f.add_done_callback(h.method)
print("bound method removed:", f.remove_done_callback(h.method))
f.add_done_callback(functools.partial(cb("p"), ))
f.set_result("x")
flush(loop)

# context=: a callback runs in the given context, default is a copy of the
# current one taken at add_done_callback() time
var.set("outer")
ctx = contextvars.copy_context()
var.set("changed")
f = loop.create_future()
f.add_done_callback(cb("ctx"), context=ctx)
f.add_done_callback(cb("default"))
var.set("later")
f.add_done_callback(cb("later"))
f.set_result(2)
flush(loop)
print("var after:", var.get())

# a callback added after the future is done is scheduled, not called at once
f = loop.create_future()
f.set_result(3)
f.add_done_callback(cb("after"))
print("added after done:", log)
flush(loop)

# callbacks of one future run before callbacks scheduled later
f1 = loop.create_future()
f2 = loop.create_future()
f1.add_done_callback(cb("f1"))
f2.add_done_callback(cb("f2"))
f2.set_result("two")
loop.call_soon(log.append, "call_soon")
f1.set_result("one")
flush(loop)

# a callback that sets another future's result chains within the same run
f3 = loop.create_future()
f4 = loop.create_future()
f3.add_done_callback(lambda fut: f4.set_result(fut.result() * 2))
f4.add_done_callback(cb("f4"))
f3.set_result(21)
flush(loop)

# a raising callback goes to the loop's exception handler; others still run
f = loop.create_future()
f.add_done_callback(lambda fut: 1 / 0)
f.add_done_callback(cb("survivor"))
f.set_result(None)
flush(loop)
print("handled:", [(m.split(" ")[0], e) for m, e in handled])

# invalid arguments
f = loop.create_future()
for args, kwargs in [((), {}), ((print,), {"ctx": None})]:
    try:
        f.add_done_callback(*args, **kwargs)
    except TypeError:
        print("TypeError for", args, kwargs)
f.cancel()
loop.close()
