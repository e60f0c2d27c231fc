# Markers under subscripts: `~` for the value, `^` for the `[...]`.
import traceback


def show(f, *args):
    try:
        f(*args)
    except Exception:
        print("".join(traceback.format_exc().splitlines(True)[-3:]), end="")


def missing_key(d):
    return d["absent"]


def nested(d):
    return d["a"]["b"]["c"]


def index(l):
    return l[10]


def sliced(t):
    return t[1:2][5]


def tuple_key(d):
    return d[1, 2]


def store(t):
    t[0] = 1


def augmented(t):
    t[1] += [4]


def delete(d):
    del d["gone"]


show(missing_key, {})
show(nested, {"a": {"b": {}}})
show(index, [1, 2])
show(sliced, (1, 2, 3))
show(tuple_key, {})
show(store, (1,))
show(augmented, (1, [2]))
show(delete, {})

table = {"rows": [[1, 2], [3]]}
print(table["rows"][1][1])
