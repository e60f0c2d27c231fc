# threading.ExceptHookArgs is _thread._ExceptHookArgs, a struct sequence;
# the default hook takes nothing else. A hook that fails is reported under
# "Exception in threading.excepthook:" through sys.excepthook.
import sys
import threading

EHA = threading.ExceptHookArgs
print(EHA.__module__, EHA.__name__, EHA.__mro__[1:])
a = EHA([1, 2, 3, 4])
print(a)
print(a.exc_type, a.exc_value, a.exc_traceback, a.thread, len(a), a[1:3])
print(a == (1, 2, 3, 4), isinstance(a, tuple), EHA.n_fields)
for bad in ([1, 2], (1, 2, 3, 4, 5), 7):
    try:
        EHA(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    a.thread = None
except AttributeError as e:
    print("AttributeError:", e)
try:
    threading.excepthook((ValueError, ValueError(), None, None))
except TypeError as e:
    print("TypeError:", e)

seen = []


def hook(args):
    et, ev, tb, th = args
    seen.append((type(args).__name__, et.__name__, str(ev), tb is not None, th.name))


threading.excepthook = hook


def boom():
    raise RuntimeError("boom")


t = threading.Thread(target=boom, name="hooked")
t.start()
t.join()
print(seen)


def bad_hook(args):
    raise ValueError("the hook failed")


threading.excepthook = bad_hook
t = threading.Thread(target=boom, name="bad-hook")
t.start()
t.join()
sys.stderr.flush()
print("after the failing hook")

calls = []


def sys_hook(et, ev, tb):
    calls.append((et.__name__, str(ev), ev.__suppress_context__, type(ev.__context__).__name__))


sys.excepthook = sys_hook
t = threading.Thread(target=boom, name="sys-hook")
t.start()
t.join()
print(calls)
sys.excepthook = sys.__excepthook__

# A thread made while threading.excepthook is None cannot be made.
threading.excepthook = None
try:
    threading.Thread(target=boom)
except RuntimeError as e:
    print("RuntimeError:", e)
# One made before falls back to the hook in force when it was made.
threading.excepthook = threading.__excepthook__
t = threading.Thread(target=boom, name="fallback")
threading.excepthook = None
t.start()
t.join()
threading.excepthook = threading.__excepthook__
print("end")
