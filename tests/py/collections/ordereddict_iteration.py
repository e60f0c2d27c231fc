# OrderedDict iterators: a change of the order or the keys during
# iteration raises RuntimeError, a value replaced does not; reversed
# iteration; iterator pickling resumes where the iterator stood.
from collections import OrderedDict
import pickle

def attempt(label, body):
    od = OrderedDict.fromkeys("abcde", 0)
    try:
        for i, k in enumerate(od):
            body(od, k, i)
        print(label, "finished", list(od))
    except RuntimeError as e:
        print(label, "RuntimeError:", e, list(od))

attempt("move", lambda od, k, i: od.move_to_end(k))
attempt("move front", lambda od, k, i: od.move_to_end(k, last=False) if i == 1 else None)
attempt("insert", lambda od, k, i: od.__setitem__("new", 1))
attempt("delete", lambda od, k, i: od.pop("e") if i == 0 else None)
attempt("replace value", lambda od, k, i: od.__setitem__(k, i))
attempt("delete and add back", lambda od, k, i: (od.pop("e"), od.__setitem__("e", 0)) if i == 0 else None)
attempt("popitem front", lambda od, k, i: od.popitem(last=False) if i == 2 else None)

od = OrderedDict((c, ord(c)) for c in "python")
it = iter(od.items())
print(next(it), next(it))
od["p"] = 0   # value only
print(list(it))
print(list(reversed(od)), list(reversed(od.values())), list(reversed(od.items())))
it = reversed(od)
next(it)
od.move_to_end("t")
try:
    next(it)
except RuntimeError as e:
    print("RuntimeError:", e)
print(next(it, "exhausted after the error"))

for kind in ("keys", "values", "items"):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        it = iter(getattr(od, kind)())
        next(it)
        copy_ = pickle.loads(pickle.dumps(it, proto))
        assert list(copy_) == list(it), (kind, proto)
    it = iter(getattr(od, kind)())
    print(kind, it.__reduce__()[1], list(it), it.__reduce__()[1])

# An exhausted iterator stays exhausted even if the dict grows.
od2 = OrderedDict(a=1)
it = iter(od2)
print(list(it))
od2["b"] = 2
print(list(it), list(od2))
