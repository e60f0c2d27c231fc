# Timer runs a function after a delay; cancel() before it fires stops it.
import threading
import time

fired = []
t = threading.Timer(0.02, fired.append, args=("first",))
t.start()
t.join()
print("fired:", fired)

cancelled = threading.Timer(5.0, fired.append, args=("never",))
cancelled.start()
start = time.monotonic()
cancelled.cancel()
cancelled.join()
print("cancel returned quickly:", time.monotonic() - start < 2, "fired:", fired)

def report(a, b, sep="-"):
    fired.append(f"{a}{sep}{b}")
k = threading.Timer(0.01, report, args=(1, 2), kwargs={"sep": "+"})
k.start(); k.join()
print("with kwargs:", fired)

# cancel before start: the timer never runs
c = threading.Timer(0.01, fired.append, args=("x",))
c.cancel()
c.start(); c.join()
print("cancelled before start:", fired)
print("Timer is a Thread:", isinstance(c, threading.Thread), "interval:", c.interval)
# cancelling after it fired is harmless
t.cancel()
print("done")
