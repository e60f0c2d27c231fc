# sys.unraisablehook: errors nothing can catch (__del__, weakref callbacks,
# threads started with _thread, atexit callbacks) reach the hook with an
# UnraisableHookArgs; the default hook prints them.
import gc
import sys
import weakref
import _thread
import time
import io
import re

print(sys.__unraisablehook__ is sys.unraisablehook)
seen = []


def hook(u):
    seen.append((u.exc_type.__name__, str(u.exc_value), u.exc_traceback is not None,
                 u.err_msg, type(u.object).__name__))


class Bad:
    def __del__(self):
        raise ValueError("from __del__")


sys.unraisablehook = hook
Bad()
gc.collect()
print(seen.pop())


class Target:
    pass


def drop_target():
    return weakref.ref(Target(), lambda ref: 1 / 0)


r = drop_target()
gc.collect()
print(seen.pop())

done = _thread.allocate_lock()
done.acquire()


def worker():
    try:
        raise KeyError("in thread")
    finally:
        done.release()


_thread.start_new_thread(worker, ())
done.acquire()
for _ in range(200):
    if seen:
        break
    time.sleep(0.01)
print(seen.pop())

# A hook that raises: its own error is printed by the default hook.
captured = []


def failing_hook(u):
    captured.append(u.exc_type.__name__)
    raise RuntimeError("hook failed")


err = sys.stderr = io.StringIO()
sys.unraisablehook = failing_hook
Bad()
gc.collect()
print("captured", captured)

# Without a hook (None, then deleted), the default printer runs.
sys.unraisablehook = None
Bad()
gc.collect()
del sys.unraisablehook
Bad()
gc.collect()
sys.unraisablehook = sys.__unraisablehook__
sys.stderr = sys.__stderr__
print(re.sub(r"0x[0-9a-f]+", "0x?", err.getvalue()), end="")

args_type = None


def grab(u):
    global args_type
    args_type = type(u)


sys.unraisablehook = grab
Bad()
gc.collect()
sys.unraisablehook = sys.__unraisablehook__
sys.stderr = sys.stdout
print(args_type.__name__, args_type.n_fields)
sys.__unraisablehook__(args_type((ValueError, ValueError("x"), None, "custom message", None)))
sys.__unraisablehook__(args_type((KeyError, KeyError("k"), None, None, 5)))
sys.__unraisablehook__(args_type((ValueError, None, None, None, "obj")))


class Local(Exception):
    pass


sys.__unraisablehook__(args_type((Local, Local("mine"), None, None, 1)))
for bad in [(1, 2), 5]:
    try:
        args_type(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    sys.__unraisablehook__(5)
except TypeError as e:
    print("TypeError", e)
