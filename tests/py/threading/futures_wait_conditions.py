# wait() and as_completed() over futures in every state: which count as
# done, duplicates, return_when checking, timeouts and their messages.
import threading
import time
import concurrent.futures as cf

finished = cf.Future()
finished.set_result(1)
failed = cf.Future()
failed.set_exception(ValueError("x"))
cancelled = cf.Future()          # cancelled, executor not told: not done for wait()
cancelled.cancel()
notified = cf.Future()           # cancelled and notified: done
notified.cancel()
notified.set_running_or_notify_cancel()
pending = cf.Future()
names = {finished: "finished", failed: "failed", cancelled: "cancelled",
         notified: "notified", pending: "pending"}


def n(fs):
    return sorted(names[f] for f in fs)


everything = list(names)
for rw in (cf.FIRST_COMPLETED, cf.FIRST_EXCEPTION, cf.ALL_COMPLETED):
    d, nd = cf.wait(everything, timeout=0.01, return_when=rw)
    print(rw, n(d), n(nd))
print(n(cf.wait([finished, pending], timeout=0.01, return_when=cf.FIRST_EXCEPTION).done))
print(n(cf.wait([failed, pending], timeout=5, return_when=cf.FIRST_EXCEPTION).done))
print(n(cf.wait([finished, finished, notified]).done))
print(repr(cf.wait([pending], timeout=0)).replace(hex(id(pending)), "0xADDR"))
try:
    cf.wait([pending], timeout=0, return_when="SOMETIMES")
except ValueError as e:
    print("ValueError:", e)
# decided before the check: a done future answers FIRST_COMPLETED at once
print(n(cf.wait([finished, pending], return_when="SOMETIMES").done))
for bad in (5, [1]):
    try:
        cf.wait(bad, timeout=0)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__ + ":", e)

print(n(cf.as_completed([finished, failed, notified, finished])))
try:
    for f in cf.as_completed([finished, pending, pending], timeout=0.02):
        print("yielded", names[f])
except cf.TimeoutError as e:
    print("TimeoutError:", e)
try:
    for f in cf.as_completed([pending, cancelled], timeout=0):
        print("yielded", names[f])
except TimeoutError as e:
    print("TimeoutError:", e)
print(list(cf.as_completed([])))

late = cf.Future()


def settle():
    time.sleep(0.02)
    late.set_result("late")


t = threading.Thread(target=settle)
t.start()
print([f.result() for f in cf.as_completed([late, finished], timeout=10)])
t.join()
late2 = cf.Future()


def fail_later():
    time.sleep(0.02)
    late2.set_exception(KeyError("late"))


t = threading.Thread(target=fail_later)
t.start()
d, nd = cf.wait([late2, pending], timeout=10, return_when=cf.FIRST_EXCEPTION)
print(len(d), len(nd), late2 in d)
t.join()
