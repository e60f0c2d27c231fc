# The iterator behind `await fut` / `yield from fut` (C _asyncio.FutureIter):
# first step returns the future and sets _asyncio_future_blocking, a second step
# while pending is an error, a done future returns its result through
# StopIteration, send() ignores its value, throw()/close() detach the future.
import asyncio
import types


def step(label, fn, *args):
    try:
        r = fn(*args)
    except StopIteration as e:
        print(label, "StopIteration", e.args)
    except BaseException as e:
        print(label, type(e).__name__, e.args)
    else:
        print(label, "returned", "the future" if r is fut else repr(r))


loop = asyncio.new_event_loop()
fut = loop.create_future()
it = fut.__await__()
print(type(it).__name__, type(iter(fut)).__name__, iter(it) is it)
print("distinct iterators:", fut.__await__() is not fut.__await__())
print("has send/throw/close:", all(hasattr(it, n) for n in ("send", "throw", "close")))
print("blocking before:", fut._asyncio_future_blocking)
step("next 1", next, it)
print("blocking after:", fut._asyncio_future_blocking)
step("next 2", next, it)
step("send 2", it.send, None)
fut._asyncio_future_blocking = False      # what a Task does before waking up
step("next 3", next, it)
fut.set_result("value")
step("next 4", next, it)
step("next 5", next, it)
step("next 6", next, it)

# send() with a non-None value on a fresh iterator is accepted
fut = loop.create_future()
it = iter(fut)
step("send 7", it.send, 7)
fut.set_result("seven")
step("send 8", it.send, 8)

# a future flagged as blocking refuses the first step
fut = loop.create_future()
fut._asyncio_future_blocking = True
step("blocked", next, iter(fut))

# done futures: result, exception, cancellation
fut = loop.create_future()
fut.set_result([1])
step("done result", next, iter(fut))
fut = loop.create_future()
fut.set_exception(LookupError("nope"))
it = iter(fut)
step("done exception", next, it)
step("after exception", next, it)
fut = loop.create_future()
fut.cancel("stop")
step("done cancelled", next, iter(fut))

# throw(): raises the given exception and detaches the future
fut = loop.create_future()
it = iter(fut)
step("throw class", it.throw, KeyError)
step("after throw", next, it)
print("future untouched:", fut._state)
step("throw class+value", iter(fut).throw, KeyError, "v")
step("throw class+tuple", iter(fut).throw, KeyError, ("a", "b"))
step("throw instance", iter(fut).throw, KeyError("inst"))
step("throw instance+None+None", iter(fut).throw, KeyError("x"), None, None)
step("throw instance+value", iter(fut).throw, KeyError(), "v")
step("throw non-exception", iter(fut).throw, 1)
step("throw bad traceback", iter(fut).throw, KeyError, None, 5)
step("throw no args", iter(fut).throw)

# close(): detaches the future; later steps stop without a value
it = iter(fut)
step("next before close", next, it)
step("close", it.close)
step("next after close", next, it)
step("close again", it.close)
fut.cancel()

# generator-based coroutines can `yield from` a future
@types.coroutine
def legacy(f):
    r = yield from f
    return ("legacy", r)

async def main():
    f = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(f.set_result, 9)
    print(await legacy(f))
    g = asyncio.get_running_loop().create_future()
    g.set_result(10)
    print(await legacy(g))
    print("blocking flags:", f._asyncio_future_blocking, g._asyncio_future_blocking)

loop.run_until_complete(main())
loop.close()
