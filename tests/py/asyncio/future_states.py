# asyncio.Future state machine: result()/exception()/cancelled()/done() in the
# pending, finished (result), finished (exception) and cancelled states;
# exception classes vs instances, the StopIteration guard, cancel(msg), get_loop,
# constructors with and without an explicit loop, isfuture and Future[...].
import asyncio


def attempt(label, fn, *args, **kwargs):
    try:
        r = fn(*args, **kwargs)
    except BaseException as e:
        print(label, "->", type(e).__name__, e.args)
    else:
        print(label, "=", repr(r))


def show(label, f):
    print(label, "done:", f.done(), "cancelled:", f.cancelled(), "state:", f._state)


loop = asyncio.new_event_loop()

f = loop.create_future()
show("pending", f)
attempt("pending exception()", lambda: type(f.exception()))
print(f.get_loop() is loop, type(f) is asyncio.Future)

f.set_result({"a": [1, 2]})
show("result", f)
attempt("result()", f.result)
attempt("exception()", f.exception)
attempt("cancel()", f.cancel)
print("same object:", f.result() is f.result())

f = loop.create_future()
f.set_exception(KeyError)          # a class is instantiated
show("exc class", f)
e = f.exception()
print(type(e).__name__, e.args, isinstance(e, KeyError))
attempt("result()", f.result)

f = loop.create_future()
err = ValueError("boom", 7)
f.set_exception(err)               # an instance is kept as is
print(f.exception() is err)
try:
    f.result()
except ValueError as ex:
    print("raised same instance:", ex is err, ex.args)

f = loop.create_future()
f.set_exception(KeyboardInterrupt())
print("BaseException kept:", type(f.exception()).__name__)

f = loop.create_future()
attempt("StopIteration class", f.set_exception, StopIteration)
attempt("StopIteration inst", f.set_exception, StopIteration(3))
print("still pending:", f._state)
class MyStop(StopIteration):
    pass
f.set_exception(MyStop("sub"))     # only the exact type is refused
print("subclass accepted:", type(f.exception()).__name__, f.exception().args)

# cancel() with and without a message
for args in [(), ("why",), (None,)]:
    f = loop.create_future()
    print("cancel", args, "->", f.cancel(*args), f.cancel(*args))
    show("  cancelled", f)
    attempt("  result()", f.result)
    attempt("  exception()", f.exception)
f = loop.create_future()
f.cancel(msg="keyword")
attempt("msg= keyword", f.result)

# Future() picks up the current event loop; Future(loop=...) uses the given one
asyncio.set_event_loop(loop)
g = asyncio.Future()
print("default loop:", g.get_loop() is loop)
other = asyncio.new_event_loop()
h = asyncio.Future(loop=other)
print("explicit loop:", h.get_loop() is other, h.get_loop() is not loop)
h2 = asyncio.Future(loop=None)
print("loop=None:", h2.get_loop() is loop)

# isfuture
class Duck:
    _asyncio_future_blocking = False

    def get_loop(self):
        return loop

class NotDuck:
    _asyncio_future_blocking = False

print("isfuture:", asyncio.isfuture(g), asyncio.isfuture(Duck()),
      asyncio.isfuture(NotDuck()), asyncio.isfuture(asyncio.Future),
      asyncio.isfuture(None))
t = loop.create_task(asyncio.sleep(0))
print("task isfuture:", asyncio.isfuture(t), isinstance(t, asyncio.Future))
loop.run_until_complete(t)

# generic alias
alias = asyncio.Future[int]
print(alias.__origin__ is asyncio.Future, alias.__args__)
print(asyncio.Task[str].__origin__ is asyncio.Task, asyncio.Task[str].__args__)

# futures are usable from a coroutine on their loop
async def main():
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(fut.set_result, "late")
    print("awaited:", await fut)
    done = asyncio.get_running_loop().create_future()
    done.set_result("already")
    print("awaited done:", await done, await done)

loop.run_until_complete(main())
asyncio.set_event_loop(None)
other.close()
loop.close()
print("closed", loop.is_closed())
