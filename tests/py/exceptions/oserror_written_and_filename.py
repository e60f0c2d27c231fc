# OSError's third argument: a file name (args cut to two) unless it is None,
# or, on an exact BlockingIOError, a number of characters written.
import pickle


def show(label, e):
    written = getattr(e, "characters_written", "<unset>")
    print(label, type(e).__name__, e.args, e.filename, e.filename2, written, str(e))


show("file", OSError(2, "No such file", "a.txt"))
show("two files", OSError(2, "No such file", "a.txt", None, "b.txt"))
show("none name", OSError(2, "No such file", None))
show("none name, second", OSError(2, "No such file", None, None, "b.txt"))
show("written", BlockingIOError(11, "would block", 5))
show("written via errno", OSError(11, "would block", 7))
show("written bool", BlockingIOError(11, "would block", True))
show("name on blocking", BlockingIOError(11, "would block", "name"))
show("written with more", BlockingIOError(11, "would block", 3, None, "other"))


class Blocking(BlockingIOError):
    pass


show("subclass takes a name", Blocking(11, "would block", 5))


class Index:
    def __index__(self):
        return 9

    def __repr__(self):
        return "Index()"


show("index object", BlockingIOError(11, "would block", Index()))

for bad in (2.5, 2**70):
    try:
        BlockingIOError(11, "would block", bad)
    except (TypeError, ValueError) as e:
        print("bad", type(e).__name__, e)

e = OSError("plain")
try:
    e.characters_written
except AttributeError as x:
    print("unset:", x)
e.characters_written = 4
print("set:", e.characters_written)
for bad in ("x", 2**70, None):
    try:
        e.characters_written = bad
    except (TypeError, ValueError) as x:
        print("bad set", repr(bad)[:10], type(x).__name__, x)
del e.characters_written
try:
    del e.characters_written
except AttributeError as x:
    print("del twice:", x)
print(hasattr(e, "characters_written"))

e = BlockingIOError(11, "would block", 6)
print(e.__reduce__())
back = pickle.loads(pickle.dumps(e))
print(type(back).__name__, back.args, back.characters_written)
print(type(OSError.__dict__["characters_written"]).__name__)
