# The native half of warnings (_warnings): filters, registries, stacklevel,
# module names derived from filenames, and argument checks.
import sys
import warnings
import _warnings

print(warnings.warn is _warnings.warn, warnings.warn_explicit is _warnings.warn_explicit)
print(_warnings.filters is warnings.filters)
print(_warnings._defaultaction, type(_warnings._onceregistry).__name__)
for f in _warnings.filters:
    print(f)


def show(msg):
    print("SHOW", msg.category.__name__, str(msg.message), msg.filename.rsplit("/", 1)[-1], msg.lineno)


warnings._showwarnmsg_impl = show
warnings.resetwarnings()
warnings.simplefilter("default")


def f(level):
    warnings.warn("from f", UserWarning, stacklevel=level)


def g(level):
    f(level)


for lvl in (1, 2, 3, 0, -5, 100):
    g(lvl)

# The registry suppresses a repeat from the same line under "default".
for i in range(3):
    warnings.warn("repeat")
print(sorted(k for k in __warningregistry__ if k != "version"))
print(__warningregistry__["version"] > 0)

# "once" shows a text once whatever the line.
warnings.simplefilter("once")
warnings.warn("only once")
warnings.warn("only once")
# "always" ignores the registry.
warnings.simplefilter("always")
for i in range(2):
    warnings.warn("always shown")
# "module": once per module.
warnings.simplefilter("module")
warnings.warn("per module")
warnings.warn("per module")
# "ignore" and "error".
warnings.simplefilter("ignore")
warnings.warn("ignored")
warnings.simplefilter("error")
try:
    warnings.warn("boom", RuntimeWarning)
except RuntimeWarning as e:
    print("raised", type(e).__name__, e)
w = UserWarning("instance")
try:
    warnings.warn(w)
except UserWarning as e:
    print("same instance", e is w)

# warn_explicit: module from the filename, registry handling.
warnings.resetwarnings()
warnings.simplefilter("default")
reg = {}
warnings.warn_explicit("explicit", UserWarning, "pkg/mod.py", 12, registry=reg)
warnings.warn_explicit("explicit", UserWarning, "pkg/mod.py", 12, registry=reg)
print(sorted((k for k in reg if k != "version"), key=repr))
warnings.filterwarnings("error", module="pkg/mod$")
try:
    warnings.warn_explicit("bad", UserWarning, "pkg/mod.py", 3)
except UserWarning as e:
    print("module matched", e)
try:
    warnings.warn_explicit("bad", UserWarning, "pkg/mod.PY", 3)
except UserWarning as e:
    print("unexpected", e)
warnings.resetwarnings()
warnings.simplefilter("default")
# module=None: silently ignored.
warnings.warn_explicit("late", UserWarning, "x.py", 1, None)
warnings.warn_explicit("empty filename", UserWarning, "", 5)

# A filter on a line number.
warnings.resetwarnings()
warnings.filterwarnings("error", lineno=7)
warnings.warn_explicit("line 6", UserWarning, "a.py", 6)
try:
    warnings.warn_explicit("line 7", UserWarning, "a.py", 7)
except UserWarning as e:
    print("lineno filter", e)

# Changing the filters clears the registries.
warnings.resetwarnings()
warnings.simplefilter("default")
reg = {}
warnings.warn_explicit("v", UserWarning, "b.py", 1, registry=reg)
warnings.warn_explicit("v", UserWarning, "b.py", 1, registry=reg)
warnings.simplefilter("default")
warnings.warn_explicit("v", UserWarning, "b.py", 1, registry=reg)

# Errors.
def err(fn, *a, **k):
    try:
        fn(*a, **k)
    except Exception as e:
        print(type(e).__name__, e)


err(warnings.warn, "x", int)
err(warnings.warn, "x", 5)
err(warnings.warn, "x", stacklevel="a")
err(warnings.warn, "x", stacklevel=1.5)
err(warnings.warn, "x", stacklevel=2 ** 70)
err(warnings.warn)
err(warnings.warn, "x", UserWarning, 1, None, 5)
err(warnings.warn_explicit, "x", UserWarning, 3, 1)
err(warnings.warn_explicit, "x", UserWarning, "f", 1.5)
err(warnings.warn_explicit, "x", UserWarning, "f", "1")
err(warnings.warn_explicit, "x", UserWarning, "f", 2 ** 40)
err(warnings.warn_explicit, "x", UserWarning, "f", -2 ** 40)
err(warnings.warn_explicit, "x", 5, "f", 1)
err(warnings.warn_explicit, "x", UserWarning, "f", 1, "m", 5)
err(warnings.warn_explicit, "x", UserWarning, "f", 1, "m", None, 5)
err(warnings.warn_explicit, "x")
err(_warnings._filters_mutated, 1)

saved = warnings.filters
warnings.filters = ("not", "a list")
err(warnings.warn, "x")
warnings.filters = [("default", None, Warning, None)]
err(warnings.warn, "x")
warnings.filters = [(1, None, Warning, None, 0)]
err(warnings.warn, "x")
warnings.filters = [("bogus", None, Warning, None, 0)]
err(warnings.warn, "x")
warnings.filters = []
warnings.defaultaction = 42
err(warnings.warn, "x")
err(warnings.warn, "fresh text")
warnings.defaultaction = "once"
warnings.onceregistry = []
err(warnings.warn_explicit, "x", UserWarning, "q.py", 1)
warnings.onceregistry = {}
warnings.warn_explicit("x", UserWarning, "q.py", 1)
warnings.warn_explicit("x", UserWarning, "q.py", 2)
print(warnings.onceregistry)
warnings.filters = saved
warnings.defaultaction = "default"

# catch_warnings(record=True) goes through the native half too.
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("rec1", DeprecationWarning)
    warnings.warn("rec2", stacklevel=1)
print([(str(m.message), m.category.__name__) for m in log])

# The stdlib's deprecated modules import (warnings._deprecated).
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    import chunk
print(len(log) >= 1, log[0].category.__name__ if log else None)
