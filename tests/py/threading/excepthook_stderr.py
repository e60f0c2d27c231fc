# The default threading.excepthook writes to sys.stderr as it is when the
# thread fails (a replacement object included), falls back to the stderr
# the thread was made with, and says nothing when both are None.
import sys
import threading


class Capture:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        self.parts.append("<flush>")

    def text(self):
        return "".join(p for p in self.parts if p != "<flush>")


def fail():
    raise LookupError("into the capture")


real = sys.stderr
cap = Capture()
sys.stderr = cap
t = threading.Thread(target=fail, name="captured")
t.start()
t.join()
sys.stderr = real
lines = cap.text().splitlines()
print(lines[0])
print(lines[-1])
print("flushed:", cap.parts[-1] == "<flush>")

# sys.stderr None at failure: the thread's own (captured at creation) is used
early = Capture()
sys.stderr = early
go = threading.Event()


def late_fail():
    go.wait()
    raise NameError("late")


t = threading.Thread(target=late_fail, name="late")
sys.stderr = None
t.start()
go.set()
t.join()
sys.stderr = real
print(early.text().splitlines()[0], "|", early.text().splitlines()[-1])

# both None: silent
sys.stderr = None
t = threading.Thread(target=fail, name="silent")
t.start()
t.join()
sys.stderr = real
print("silent thread done")

# the hook called directly, with no traceback and no thread object
try:
    raise ValueError("direct call")
except ValueError as exc:
    sys.stderr = cap = Capture()
    threading.excepthook(threading.ExceptHookArgs([ValueError, exc, None, None]))
    sys.stderr = real
    print(cap.text().splitlines()[0].startswith("Exception in thread "))
    print(cap.text().splitlines()[-1])
sys.stderr = cap = Capture()
threading.excepthook(threading.ExceptHookArgs([KeyError, KeyError("k"), None,
                                               threading.current_thread()]))
threading.excepthook(threading.ExceptHookArgs([SystemExit, SystemExit(3), None, None]))
sys.stderr = real
print(cap.text().splitlines())

# sys.excepthook (which reports a failing threading.excepthook) also writes
# to sys.stderr as it is now
try:
    raise KeyError("via sys.excepthook")
except KeyError as exc:
    sys.stderr = cap = Capture()
    sys.excepthook(type(exc), exc, exc.__traceback__)
    sys.stderr = real
print(cap.text().splitlines()[0], "|", cap.text().splitlines()[-1], "|", cap.parts[-1])
sys.stderr = None
sys.excepthook(KeyError, KeyError(1), None)
sys.stderr = real
try:
    sys.excepthook(1, 2)
except TypeError as e:
    print("TypeError:", e)
