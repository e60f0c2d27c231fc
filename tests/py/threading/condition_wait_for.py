# Condition.wait_for with a predicate; wait and wait_for with timeouts.
import threading

cond = threading.Condition()
state = {"count": 0}

def bump():
    for _ in range(10):
        with cond:
            state["count"] += 1
            cond.notify_all()

t = threading.Thread(target=bump)
with cond:
    t.start()
    ok = cond.wait_for(lambda: state["count"] >= 10)
    print("wait_for returned:", ok, "count:", state["count"])
t.join()

with cond:
    r = cond.wait_for(lambda: state["count"] > 100, timeout=0.05)
    print("timed out wait_for:", r)
    r = cond.wait(timeout=0.02)
    print("timed out wait:", r)
    # predicate already true: returns its value at once
    r = cond.wait_for(lambda: state["count"] and "yes")
    print("already true:", r)

# wait returns True when notified before the timeout
flag = threading.Event()
def notifier():
    flag.wait()
    with cond:
        cond.notify()
n = threading.Thread(target=notifier)
n.start()
with cond:
    flag.set()
    print("notified wait:", cond.wait(timeout=10))
n.join()
