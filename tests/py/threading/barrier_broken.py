# Barrier abort(), timeouts and reset(); BrokenBarrierError for waiters.
import threading

b = threading.Barrier(3)
lock = threading.Lock()
outcomes = []
arrived = threading.Semaphore(0)

def waiter(i):
    arrived.release()
    try:
        b.wait()
        r = "passed"
    except threading.BrokenBarrierError:
        r = "broken"
    with lock:
        outcomes.append((i, r))

ts = [threading.Thread(target=waiter, args=(i,)) for i in range(2)]
for t in ts: t.start()
arrived.acquire(); arrived.acquire()
while b.n_waiting < 2:
    pass
b.abort()
for t in ts: t.join()
print("after abort:", sorted(outcomes), "broken:", b.broken)
try:
    b.wait()
except threading.BrokenBarrierError as e:
    print("wait on broken barrier:", type(e).__name__, e.args)
b.reset()
print("after reset broken:", b.broken)

# timeout: a lone waiter breaks the barrier
b2 = threading.Barrier(2, timeout=0.05)
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("timed out, broken:", b2.broken)
b2.reset()
try:
    b2.wait(timeout=0.02)
except threading.BrokenBarrierError:
    print("per-call timeout, broken:", b2.broken)

# an exception in the action breaks the barrier for everyone
def bad_action():
    raise ValueError("action failed")
b3 = threading.Barrier(2, action=bad_action)
res = []
def w3():
    try:
        b3.wait()
        res.append("ok")
    except threading.BrokenBarrierError:
        res.append("broken")
    except ValueError as e:
        res.append("ValueError " + str(e))
ts = [threading.Thread(target=w3) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print("action error:", sorted(res))
print("is RuntimeError:", issubclass(threading.BrokenBarrierError, RuntimeError))
