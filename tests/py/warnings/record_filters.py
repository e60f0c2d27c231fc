# warnings: catch_warnings(record=True), stacklevel, category and regex filters.
import warnings


class MyWarning(UserWarning):
    pass


class SubWarning(MyWarning):
    pass


def dump(log):
    for w in log:
        print(" ", w.category.__name__, repr(str(w.message)), type(w.message).__name__,
              w.filename.rsplit("/", 1)[-1], w.lineno, w.line, w.file, w.source)
    print("  count", len(log))


def inner(level):
    warnings.warn("level %d" % level, stacklevel=level)


def middle(level):
    inner(level)


def outer(level):
    middle(level)


with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    for level in (0, 1, 2, 3, 4, -5):
        outer(level)
    warnings.warn("deep", stacklevel=50)
dump(log)
w = log[0]
print(str(w)[:60])
print(type(w).__name__, w._category_name)

# record=False returns None; state restored on exit (even on exceptions)
before = list(warnings.filters)
cm = warnings.catch_warnings()
print(repr(cm), repr(warnings.catch_warnings(record=True)))
with cm as r:
    print("as", r)
    warnings.simplefilter("error")
    print(warnings.filters[0])
print(warnings.filters == before)
try:
    with warnings.catch_warnings():
        warnings.resetwarnings()
        print(warnings.filters)
        raise KeyError("x")
except KeyError:
    pass
print(warnings.filters == before)
try:
    with cm:
        pass
except RuntimeError as e:
    print("RuntimeError", e)
try:
    warnings.catch_warnings().__exit__(None, None, None)
except RuntimeError as e:
    print("RuntimeError", e)

# catch_warnings(action=...) (3.11)
with warnings.catch_warnings(record=True, action="ignore", category=MyWarning) as log:
    warnings.warn("a", MyWarning)
    warnings.warn("b", SubWarning)
    warnings.warn("c", UserWarning)
    warnings.warn("c2", RuntimeWarning)
dump(log)

# category filters match subclasses; the first matching filter wins
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.simplefilter("ignore", MyWarning)
    warnings.simplefilter("always", SubWarning)
    for cat in (UserWarning, MyWarning, SubWarning, Warning, RuntimeWarning):
        warnings.warn(cat.__name__, cat)
    print(warnings.filters[:3])
dump(log)

# simplefilter moves an equal entry to the front; append keeps it
with warnings.catch_warnings():
    warnings.resetwarnings()
    warnings.simplefilter("ignore", MyWarning)
    warnings.simplefilter("error")
    warnings.simplefilter("ignore", MyWarning)
    print([f[0] for f in warnings.filters])
    warnings.simplefilter("error", append=True)
    warnings.simplefilter("once", append=True)
    print([f[0] for f in warnings.filters])
    warnings.simplefilter("ignore", lineno=5)
    print(warnings.filters[0])

# lineno filters
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", lineno=105)
    warnings.warn("line 111")
    warnings.warn("line 112")
dump(log)

# message regexes: matched at the start, case-insensitively
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", message="spam")
    warnings.filterwarnings("ignore", message=r"num\d+$")
    warnings.filterwarnings("ignore", message="(foo|bar)baz")
    warnings.filterwarnings("ignore", message="x[a-c]+y.z")
    warnings.filterwarnings("ignore", message=".*needle")
    warnings.filterwarnings("error", message="fatal", category=RuntimeWarning)
    for m in ["spam", "SPAM and eggs", "eggs spam", "num42", "num42x", "Num7",
              "foobaz", "barbazz", "bazbar", "xabcyQz", "xy.z", "xaay\nz",
              "hay needle hay", "needl", "fatal error", "FATAL"]:
        warnings.warn(m)
    try:
        warnings.warn("Fatal!", RuntimeWarning)
    except RuntimeWarning as e:
        print("raised", e)
    print(warnings.filters[0][1], warnings.filters[5][1])
dump(log)

# module regexes: case-sensitive, match __name__ of the warning's globals
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", module="__ma")
    warnings.warn("hidden")
    warnings.warn_explicit("shown", UserWarning, "x.py", 1, module="__MAIN__")
    warnings.warn_explicit("hidden", UserWarning, "x.py", 1, module="__main__.sub")
    warnings.warn_explicit("from filename", UserWarning, "__main__x.py", 1)
    warnings.warn_explicit("shown", UserWarning, "mod.py", 1)
    g = {"__name__": "__mango__"}
    exec("import warnings\nwarnings.warn('exec hidden')", g)
    g = {}
    exec("import warnings\nwarnings.warn('no name shown')", g)
    print(sorted(k for k in g if k != "__builtins__"))
dump(log)

# filterwarnings argument checks
for args, kw in [(("bad",), {}), (("ignore", 1), {}), (("ignore",), {"category": 1}),
                 (("ignore",), {"category": int}), (("ignore",), {"module": 2}),
                 (("ignore",), {"lineno": -1})]:
    try:
        warnings.filterwarnings(*args, **kw)
    except AssertionError as e:
        print("AssertionError", e)
try:
    warnings.simplefilter("nope")
except AssertionError as e:
    print("AssertionError", e)
print("done")
