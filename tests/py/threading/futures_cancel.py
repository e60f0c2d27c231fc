# Future.cancel: pending futures can be cancelled, running or finished ones cannot.
from concurrent.futures import ThreadPoolExecutor, CancelledError
import threading

started = threading.Event()
gate = threading.Event()

def block():
    started.set()
    gate.wait()
    return "unblocked"

ex = ThreadPoolExecutor(max_workers=1)
running = ex.submit(block)
started.wait()
pending = [ex.submit(pow, 2, i) for i in range(3)]
print("running:", running.running(), "cancel running:", running.cancel())
print("cancel pending:", pending[1].cancel(), pending[1].cancelled(), pending[1].done())
print("cancel twice:", pending[1].cancel())
try:
    pending[1].result()
except CancelledError as e:
    print("result of cancelled:", type(e).__name__)
try:
    pending[1].exception()
except CancelledError:
    print("exception() of cancelled raises CancelledError")
gate.set()
print(running.result(), pending[0].result(), pending[2].result())
print("cancel finished:", pending[0].cancel(), pending[0].cancelled())
ex.shutdown()

# add_done_callback runs for cancelled futures too, and immediately for done ones
calls = []
ex = ThreadPoolExecutor(max_workers=1)
gate2 = threading.Event()
first = ex.submit(gate2.wait)
second = ex.submit(int, "5")
second.add_done_callback(lambda f: calls.append(("second", f.cancelled())))
second.cancel()
gate2.set()
first.result()
first.add_done_callback(lambda f: calls.append(("first", f.result())))
ex.shutdown(wait=True)
print(calls)
