# What a future or task reports to the loop's exception handler when it is
# garbage collected: an exception nobody retrieved, a task destroyed while
# pending, and the ways to silence each (retrieving the exception,
# _log_traceback = False, _log_destroy_pending = False).
import asyncio
import gc

loop = asyncio.new_event_loop()
reports = []


def handler(lp, ctx):
    obj = ctx.get("future") or ctx.get("task")
    reports.append((ctx["message"], sorted(ctx), type(obj).__name__,
                    repr(ctx.get("exception"))))


loop.set_exception_handler(handler)


def collect(label):
    gc.collect()
    print(label, reports)
    reports.clear()


f = loop.create_future()
f.set_exception(ValueError("lost"))
del f
collect("unretrieved exception:")

f = loop.create_future()
f.set_exception(ValueError("seen"))
f.exception()
del f
collect("exception() called:")

f = loop.create_future()
f.set_exception(ValueError("raised"))
try:
    f.result()
except ValueError:
    pass
del f
collect("result() raised:")

f = loop.create_future()
f.set_exception(ValueError("silenced"))
f._log_traceback = False
del f
collect("_log_traceback = False:")

f = loop.create_future()
f.set_exception(KeyboardInterrupt())
del f
collect("BaseException subclass:")

f = loop.create_future()
f.set_result("fine")
del f
f = loop.create_future()
f.cancel()
del f
f = loop.create_future()
del f
collect("result / cancelled / pending futures:")


async def fails():
    raise OSError(5, "io")


async def never():
    await loop.create_future()       # only the task itself keeps this alive


t = loop.create_task(fails(), name="fails")
loop.run_until_complete(asyncio.sleep(0))
print("task done:", t.done())
del t
collect("unretrieved task exception:")

t = loop.create_task(fails())
loop.run_until_complete(asyncio.wait([t]))
print("exception():", repr(t.exception()))
del t
collect("task exception retrieved:")

t = loop.create_task(never(), name="pending")
loop.run_until_complete(asyncio.sleep(0))
del t
collect("pending task destroyed:")

t = loop.create_task(never())
print("_log_destroy_pending:", t._log_destroy_pending)
t._log_destroy_pending = False
loop.run_until_complete(asyncio.sleep(0))
del t
collect("pending task, logging disabled:")

# in debug mode the creation traceback is part of the report
loop.set_debug(True)
f = asyncio.Future(loop=loop)
f.set_exception(RuntimeError("debug"))
tb = f._source_traceback
print("source_traceback:", type(tb).__name__, tb[-1].name, tb[-1].line)
del f, tb
collect("debug:")
loop.set_debug(False)
loop.close()
