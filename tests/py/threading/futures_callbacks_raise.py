# add_done_callback: callbacks run in order; one that raises an Exception is
# reported ("exception calling callback for <Future ...>" and the traceback
# on stderr) and the others still run; a BaseException propagates.
import sys
import concurrent.futures as cf

order = []


def first(f):
    order.append(("first", f.result()))


def broken(f):
    raise ValueError("callback failed")


def last(f):
    order.append(("last", f.result()))


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        pass


fut = cf.Future()
fut.add_done_callback(first)
fut.add_done_callback(broken)
fut.add_done_callback(last)
real = sys.stderr
sys.stderr = cap = Capture()
fut.set_result(42)
fut.add_done_callback(broken)      # already done: called at once
sys.stderr = real
print(order)
lines = "".join(cap.parts).replace(hex(id(fut)), "0xADDR").splitlines()
print(lines[0])
print([l for l in lines if not l.startswith(" ")])

# the report's traceback, with the frames of this program
other = cf.Future()
other.add_done_callback(broken)
sys.stderr = cap = Capture()
other.set_exception(KeyError("x"))
sys.stderr = real
lines = "".join(cap.parts).replace(hex(id(other)), "0xADDR").splitlines()
print([l for l in lines if not l.startswith(" ")])
print("frame of broken():", any("futures_callbacks_raise.py" in l and "in broken" in l
                                for l in lines))

cancelled = cf.Future()
cancelled.add_done_callback(lambda f: order.append(("cancelled", f.cancelled())))
cancelled.cancel()
print(order[-1])


def interrupt(f):
    raise KeyboardInterrupt("stop")


third = cf.Future()
third.add_done_callback(interrupt)
third.add_done_callback(last)
try:
    third.set_result(7)
except KeyboardInterrupt as e:
    print("KeyboardInterrupt:", e, third.done(), order[-1])

# from a worker thread: the callback runs there, its failure is reported
with cf.ThreadPoolExecutor(1) as ex:
    f = ex.submit(int, "5")
    f.result()
    f.add_done_callback(first)
print(order[-1])
