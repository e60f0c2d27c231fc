# Executor shutdown: pending work finishes, later submits fail, cancel_futures.
from concurrent.futures import ThreadPoolExecutor
import threading

ex = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool")
futs = [ex.submit(sum, range(i)) for i in range(10)]
ex.shutdown(wait=True)
print("all done:", all(f.done() for f in futs), [f.result() for f in futs][-3:])
try:
    ex.submit(print, "never")
except RuntimeError as e:
    print("submit after shutdown:", e)
ex.shutdown()   # second shutdown is harmless
print("second shutdown ok")

names = set()
def record():
    names.add(threading.current_thread().name.split("_")[0])
with ThreadPoolExecutor(max_workers=3, thread_name_prefix="mypool") as ex2:
    for _ in range(6):
        ex2.submit(record)
print("worker name prefix:", names)

# shutdown(cancel_futures=True) cancels work that has not started
started = threading.Event()
gate = threading.Event()
def block():
    started.set()
    gate.wait()
    return "first"
ex3 = ThreadPoolExecutor(max_workers=1)
f1 = ex3.submit(block)
started.wait()
rest = [ex3.submit(int, "7") for _ in range(5)]
ex3.shutdown(wait=False, cancel_futures=True)
gate.set()
print("first:", f1.result(), "cancelled:", [f.cancelled() for f in rest])

try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)
with ThreadPoolExecutor() as ex4:      # default max_workers
    print("default pool works:", sorted(ex4.map(len, ["a", "bcd", "ef"])))
