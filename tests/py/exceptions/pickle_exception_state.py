# Exceptions keep their state through pickle and copy: ImportError's
# name/path, OSError's file names, attributes set on the instance.
import copy
import pickle


def roundtrips(exc):
    out = []
    for proto in (0, 2, pickle.HIGHEST_PROTOCOL):
        out.append(pickle.loads(pickle.dumps(exc, proto)))
    out.append(copy.copy(exc))
    out.append(copy.deepcopy(exc))
    return out


for exc in (ImportError("gone"), ImportError("gone", name="mod"),
            ImportError("gone", path="/p"), ImportError("gone", name="m", path="/p")):
    for r in roundtrips(exc):
        assert (r.args, r.msg, r.name, r.path) == (exc.args, exc.msg, exc.name, exc.path), r
    print(repr(exc), exc.__reduce__()[1:])

for exc in (OSError("plain", "args"), OSError(2, "missing", "a.txt"),
            OSError(17, "exists", "src", None, "dst"), OSError(1, "two")):
    print(type(exc).__name__, exc.__reduce__()[1:])
    for r in roundtrips(exc):
        assert type(r) is type(exc)
        assert (r.args, r.errno, r.strerror, r.filename, r.filename2) == \
            (exc.args, exc.errno, exc.strerror, exc.filename, exc.filename2)
    print("  ", str(roundtrips(exc)[0]))


class Tagged(Exception):
    pass


e = Tagged("boom")
e.tag = "blue"
e.count = 3
print(e.__reduce__())
for r in roundtrips(e):
    print(type(r).__name__, r.args, r.tag, r.count)
print(ValueError("x").__reduce__())

e = ValueError()
e.__setstate__({"extra": 1})
print(e.extra)
e.__setstate__(None)
try:
    e.__setstate__([1])
except TypeError as x:
    print(type(x).__name__, x)
