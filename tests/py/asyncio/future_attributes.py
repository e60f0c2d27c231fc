# asyncio.Future's private attributes and error messages as the C _asyncio
# module defines them: _state/_result/_exception/_callbacks/_loop (read-only),
# _asyncio_future_blocking, _log_traceback (only False may be set),
# _cancel_message, InvalidStateError texts, set_exception argument checks,
# constructor and method argument errors.
import asyncio


def attempt(label, fn, *args, **kwargs):
    try:
        r = fn(*args, **kwargs)
    except BaseException as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))


loop = asyncio.new_event_loop()
f = loop.create_future()
print("pending:", f._state, f._result, f._exception, f._callbacks, f._loop is loop)
print("log_traceback:", f._log_traceback, "source_traceback:", f._source_traceback)
print("cancel_message:", f._cancel_message)
attempt("result()", f.result)
attempt("exception()", f.exception)

# _callbacks is a fresh list of (callback, context) pairs, None when empty
f.add_done_callback(print)
f.add_done_callback(len)
cbs = f._callbacks
print(type(cbs).__name__, [(c.__name__, type(ctx).__name__) for c, ctx in cbs])
print("fresh list:", f._callbacks is not cbs, f._callbacks == cbs)
f.remove_done_callback(print)
f.remove_done_callback(len)
print("emptied:", f._callbacks)

# read-only attributes
for name in ("_state", "_result", "_exception", "_callbacks", "_loop", "_source_traceback"):
    attempt("set " + name, setattr, f, name, None)

# _asyncio_future_blocking stores the truth value
for value in (1, "", True, None, 0.0):
    f._asyncio_future_blocking = value
    print("blocking set", repr(value), "->", f._asyncio_future_blocking)
attempt("del blocking", delattr, f, "_asyncio_future_blocking")

# _log_traceback
for value in (False, 0, True, 1):
    attempt("log_traceback = " + repr(value), setattr, f, "_log_traceback", value)
attempt("del log_traceback", delattr, f, "_log_traceback")
g = loop.create_future()
g.set_exception(OSError(2, "gone"))
print("after set_exception:", g._log_traceback, repr(g._exception), g._result)
g.exception()
print("after exception():", g._log_traceback)
g = loop.create_future()
g.set_exception(OSError("again"))
attempt("result()", g.result)
print("after result():", g._log_traceback)
g = loop.create_future()
g.set_exception(OSError("silenced"))
g._log_traceback = False
print("silenced:", g._log_traceback, g._state)

# _cancel_message is writable but not deletable
f._cancel_message = "preset"
print("cancel_message:", f._cancel_message)
attempt("del cancel_message", delattr, f, "_cancel_message")
f.cancel("real")
print("after cancel:", f._cancel_message, f._state, f._result, f._exception)

# InvalidStateError texts
f = loop.create_future()
f.set_result(1)
print("finished:", f._state, f._result, f._exception, f._log_traceback)
attempt("set_result twice", f.set_result, 2)
attempt("set_exception after result", f.set_exception, ValueError())
c = loop.create_future()
c.cancel()
attempt("set_result on cancelled", c.set_result, 1)
attempt("set_exception on cancelled", c.set_exception, ValueError)

# set_exception argument checks leave the future pending
g = loop.create_future()
class NotAnException(Exception):
    def __new__(cls):
        return 5
for bad in (1, "text", int, object, NotAnException):
    attempt("set_exception " + getattr(bad, "__name__", repr(bad)), g.set_exception, bad)
print("still:", g._state, g._exception)
attempt("set_exception StopIteration", g.set_exception, StopIteration)

# argument errors
attempt("Future(1)", asyncio.Future, 1)
attempt("Future(lop=)", asyncio.Future, lop=loop)
attempt("Future(loop=1)", asyncio.Future, loop=1)
attempt("result(1)", g.result, 1)
attempt("cancel(1, 2)", g.cancel, 1, 2)
attempt("cancel(x=)", g.cancel, x=1)
attempt("cancel(5)", g.cancel, 5)
attempt("cancelled result", g.result)
attempt("done(1)", g.done, 1)

# instances take arbitrary attributes but expose no __dict__
f.anything = "stored"
print("instance attribute:", f.anything)
attempt("__dict__", getattr, f, "__dict__")

print(asyncio.Future.__module__, asyncio.Task.__module__, asyncio.Future.__qualname__)
print(asyncio.futures.Future is asyncio.Future, asyncio.futures._PyFuture is asyncio.Future)
print(asyncio.tasks.Task is asyncio.Task, asyncio.tasks._PyTask is asyncio.Task)
print(type(asyncio.Future.__dict__["__class_getitem__"]).__name__)
print(sorted(k for k in asyncio.Future.__dict__ if not k.startswith("__")))
loop.close()
