# concurrent.futures is a package: _base holds Future/wait/as_completed/
# Executor, thread holds ThreadPoolExecutor; classes name their module.
import concurrent
import concurrent.futures as cf
import concurrent.futures._base as base
import concurrent.futures.thread as thread

print(concurrent.futures is cf, cf._base is base, cf.thread is thread)
print(base.Future is cf.Future, thread.ThreadPoolExecutor is cf.ThreadPoolExecutor)
for obj in (cf.Future, cf.Executor, cf.ThreadPoolExecutor, cf.CancelledError,
            cf.InvalidStateError, cf.BrokenExecutor, thread.BrokenThreadPool,
            base.Error, cf.wait, cf.as_completed):
    print(obj.__module__, obj.__qualname__)
print(thread.BrokenThreadPool.__mro__)
print(cf.CancelledError.__mro__)
print(cf.TimeoutError is TimeoutError, cf.InvalidStateError.__bases__)
print(base._FUTURE_STATES)
print(cf.FIRST_COMPLETED, cf.FIRST_EXCEPTION, cf.ALL_COMPLETED)
r = cf.wait([])
print(r, type(r).__module__, type(r)._fields, r.done, r.not_done)
ex = cf.ThreadPoolExecutor(1)
print(repr(ex).replace(hex(id(ex)), "0xADDR"))
gen = ex.map(abs, [-1, -2])
print(repr(gen).replace(hex(id(gen)), "0xADDR"))
print(list(gen))
ex.shutdown()
from concurrent.futures import *
print(ThreadPoolExecutor is cf.ThreadPoolExecutor, wait is base.wait)
print("InvalidStateError" in dir())
