# sys._current_frames and sys._current_exceptions with several threads.
import sys
import threading
import traceback

ready = threading.Barrier(4)
release = threading.Event()


def waiter_a():
    ready.wait()
    release.wait()


def waiter_b():
    try:
        raise KeyError("handled in b")
    except KeyError:
        ready.wait()
        release.wait()


def deeper():
    ready.wait()
    release.wait()


def waiter_c():
    deeper()


threads = [threading.Thread(target=f, name=f.__name__) for f in (waiter_a, waiter_b, waiter_c)]
for t in threads:
    t.start()
ready.wait()
# Every thread is now inside its wait (or about to be): poll until each
# one's innermost Python frame is in threading.py's wait machinery.
frames = sys._current_frames()
me = threading.get_ident()
print("keys:", sorted(frames) == sorted([me] + [t.ident for t in threads]))
print("mine:", frames[me].f_code.co_name)
for t in threads:
    names = [fs.name for fs in traceback.extract_stack(frames[t.ident])]
    ours = [n for n in names if n in ("waiter_a", "waiter_b", "waiter_c", "deeper", "run")]
    print(t.name, ours)
excs = sys._current_exceptions()
print("exc keys:", sorted(excs) == sorted([me] + [t.ident for t in threads]))
for t in threads:
    tp, val, tb = excs[t.ident]
    print(t.name, tp.__name__ if tp else None, repr(val))
print("mine:", excs[me])
try:
    raise ValueError("mine")
except ValueError:
    print("handled here:", repr(sys._current_exceptions()[me][1]))
release.set()
for t in threads:
    t.join()
print("after join:", list(sys._current_frames()) == [me])
try:
    sys._current_frames(1)
except TypeError as e:
    print("TypeError", e)
