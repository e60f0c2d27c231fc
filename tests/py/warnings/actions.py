# warnings: each filter action, the registry, showwarning/formatwarning.
import sys
import warnings


def show(message, category, filename, lineno, file=None, line=None):
    print("SHOW", category.__name__, message, filename.rsplit("/", 1)[-1], lineno, line)


def emit(msg, cat=UserWarning):
    warnings.warn(msg, cat, stacklevel=2)


print(warnings.filters[:5])
print(warnings.defaultaction)
orig = warnings.showwarning
warnings.showwarning = show

# default: once per location (message, category, line)
for i in range(3):
    warnings.warn("dflt")
for i in range(2):
    emit("same line")
emit("same line")

# always
with warnings.catch_warnings():
    warnings.simplefilter("always")
    for i in range(3):
        warnings.warn("alw")

# ignore
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    warnings.warn("never shown")
    print("ignored ok")

# once: once per (message, category) anywhere
with warnings.catch_warnings():
    warnings.simplefilter("once")
    for i in range(2):
        warnings.warn("one time")
    warnings.warn("one time")
    warnings.warn("one time", RuntimeWarning)
    warnings.warn("other text")

# module: once per module, whatever the line
with warnings.catch_warnings():
    warnings.simplefilter("module")
    warnings.warn("mod")
    warnings.warn("mod")
    warnings.warn("mod", FutureWarning)

# error
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("boom")
    except UserWarning as e:
        print("raised", type(e).__name__, e, e.args)
    try:
        warnings.warn(RuntimeWarning("inst", 2))
    except RuntimeWarning as e:
        print("raised", type(e).__name__, e.args)
    try:
        warnings.warn("dep", DeprecationWarning)
    except DeprecationWarning as e:
        print("raised", type(e).__name__, e)

# default filters: DeprecationWarning shown in __main__, others ignored
warnings.warn("main dep", DeprecationWarning)
warnings.warn("pending", PendingDeprecationWarning)
warnings.warn("imp", ImportWarning)
warnings.warn("res", ResourceWarning)
warnings.warn("fut", FutureWarning)
warnings.warn_explicit("explicit dep", DeprecationWarning, "lib.py", 3)
warnings.warn_explicit("explicit dep", DeprecationWarning, "lib.py", 4, module="__main__")
warnings.warn_explicit("explicit", UserWarning, "lib.py", 5, registry={})

# a registry passed explicitly
reg = {}
warnings.warn_explicit("r", UserWarning, "f.py", 7, "m", reg)
warnings.warn_explicit("r", UserWarning, "f.py", 7, "m", reg)
print(sorted(k for k in reg if k != "version"), "version" in reg)
print(sorted(k[0] for k in __warningregistry__ if k != "version")[:4])

# warning instance and categories
warnings.warn(UserWarning("from instance"))
warnings.warn("bytes warn", BytesWarning)
try:
    warnings.warn("x", int)
except TypeError as e:
    print("TypeError", e)
try:
    warnings.warn("x", "str")
except TypeError as e:
    print("TypeError", e)
try:
    warnings.warn("x", stacklevel="1")
except TypeError as e:
    print("TypeError", e)

# formatting
print(repr(warnings.formatwarning("msg", UserWarning, "file.py", 12)))
print(repr(warnings.formatwarning("msg", DeprecationWarning, "file.py", 12, "  the line  ")))
print(repr(warnings.formatwarning("msg", SyntaxWarning, "file.py", 12, "")))
line = warnings.formatwarning("m", UserWarning, __file__, 1)
print(line.split(": ", 1)[1])

warnings.showwarning = orig
# the default showwarning writes to sys.stderr, with the source line
warnings.warn("to stderr")
warnings.warn_explicit("no source line", UserWarning, "<string>", 1)


class Out:
    def write(self, s):
        print("WRITE", repr(s.split(": ", 1)[1]))


warnings.showwarning("direct", UserWarning, "x.py", 2, Out(), "src")
warnings.showwarning("direct", UserWarning, "x.py", 2, Out())

# a user formatwarning is used by the default showwarning
old_fmt = warnings.formatwarning
warnings.formatwarning = lambda m, c, f, l, line=None: "FMT %s %s\n" % (c.__name__, m)
warnings.warn("custom format")
warnings.formatwarning = old_fmt

# unrecognized action in the list
with warnings.catch_warnings():
    warnings.filters.insert(0, ("bogus", None, Warning, None, 0))
    try:
        warnings.warn("bad action")
    except RuntimeError as e:
        print("RuntimeError", str(e).splitlines()[0])
print("done")
