# Clearing the frame of a coroutine that never started finalizes it with
# the "never awaited" RuntimeWarning (through
# warnings._warn_unawaited_coroutine); a started one is closed silently.
import warnings


async def job():
    return 1


def clear_and_report(label, coro):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        coro.cr_frame.clear()
    print(label, [(w.category.__name__, str(w.message)) for w in caught])


c = job()
clear_and_report("unstarted", c)
c.close()
print("closed", c.cr_frame)


async def waits():
    await Pending()


class Pending:
    def __await__(self):
        yield "paused"


w = waits()
print(w.send(None))
clear_and_report("suspended", w)
try:
    w.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
except StopIteration:
    print("StopIteration")

# The warning can be made an error: it is then reported as unraisable,
# not raised from clear().
import sys

seen = []
old_hook = sys.unraisablehook
sys.unraisablehook = lambda u: seen.append((type(u.exc_value).__name__, str(u.exc_value)))
try:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c2 = job()
        c2.cr_frame.clear()
        print("clear returned")
        c2.close()
finally:
    sys.unraisablehook = old_hook
print(seen)

# A broken warnings hook: its error is reported, then the plain warning.
orig = warnings._warn_unawaited_coroutine
warnings._warn_unawaited_coroutine = lambda coro: 1 / 0
seen.clear()
sys.unraisablehook = lambda u: seen.append(type(u.exc_value).__name__)
try:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c3 = job()
        c3.cr_frame.clear()
        c3.close()
    print(seen, [str(w.message) for w in caught])
finally:
    warnings._warn_unawaited_coroutine = orig
    sys.unraisablehook = old_hook
