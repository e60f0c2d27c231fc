# The Future state machine by hand: every operation in every state, the
# InvalidStateError texts, and the "unexpected state" report that CPython's
# logger writes to stderr before raising RuntimeError.
import sys
import concurrent.futures as cf


def show(f):
    return repr(f).replace(hex(id(f)), "0xADDR")


def attempt(label, fn, *args):
    try:
        print(label, "->", fn(*args))
    except Exception as e:
        text = str(e)
        for f in futures:
            text = text.replace(hex(id(f)), "0xADDR")
        print(label, "->", type(e).__name__ + ":", text)


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)

    def flush(self):
        pass


pending, running, done, failed, cancelled, notified = futures = [cf.Future() for _ in range(6)]
running.set_running_or_notify_cancel()
done.set_result([1, 2])
failed.set_exception(KeyError("k"))
cancelled.cancel()
notified.cancel()
notified.set_running_or_notify_cancel()

for name, f in zip(["pending", "running", "done", "failed", "cancelled", "notified"], futures):
    print(name, show(f), f.running(), f.done(), f.cancelled())

attempt("done.set_result", done.set_result, 3)
attempt("done.set_exception", done.set_exception, ValueError())
attempt("failed.set_result", failed.set_result, 3)
attempt("cancelled.set_result", cancelled.set_result, 3)
attempt("notified.set_exception", notified.set_exception, ValueError())
attempt("running.cancel", running.cancel)
attempt("done.cancel", done.cancel)
attempt("cancelled.cancel", cancelled.cancel)
attempt("failed.result", failed.result)
attempt("failed.exception", failed.exception)
attempt("cancelled.result", cancelled.result, 0)
attempt("notified.exception", notified.exception, 0)
attempt("pending.result", pending.result, 0)
attempt("pending.exception", pending.exception, 0.01)
attempt("running.result", running.result, 0.01)
attempt("done.result", done.result, 0)
attempt("cancelled.set_running", cancelled.set_running_or_notify_cancel)

real = sys.stderr
sys.stderr = cap = Capture()
try:
    attempt("running.set_running", running.set_running_or_notify_cancel)
    attempt("done.set_running", done.set_running_or_notify_cancel)
finally:
    sys.stderr = real
text = "".join(cap.parts)
for f in futures:
    text = text.replace(str(id(f)), "ID")
print(text, end="")
print(show(pending.set_result(None) or pending))
print(show(running.set_exception(OSError(2, "gone")) or running))
