# Class instances: __reduce__, __reduce_ex__, __getstate__/__setstate__,
# __getnewargs(_ex)__, __slots__, copyreg, globals, and the Pickler hooks
# (persistent_id/persistent_load, dispatch_table, reducer_override).
import copyreg
import io
import pickle


class Plain:
    def __init__(self, x):
        self.x = x
        self.items = [x, str(x)]


class Reduced:
    def __init__(self, a, b=0):
        self.a, self.b = a, b

    def __reduce__(self):
        return (Reduced, (self.a, self.b))


class WithState:
    def __init__(self):
        self.value = 3
        self.cache = "drop me"

    def __getstate__(self):
        return {"value": self.value}

    def __setstate__(self, state):
        self.value = state["value"]
        self.cache = None


class NewArgs:
    def __new__(cls, n):
        self = super().__new__(cls)
        self.n = n
        return self

    def __getnewargs__(self):
        return (self.n,)


class KwOnly:
    def __new__(cls, *, key):
        self = super().__new__(cls)
        self.key = key
        return self

    def __getnewargs_ex__(self):
        return ((), {"key": self.key})


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = [2]


class MyList(list):
    pass


class MyDict(dict):
    pass


class Setter:
    def __init__(self):
        self.v = 1

    def __reduce__(self):
        return (Setter, (), {"v": 9}, None, None, set_state)


def set_state(obj, state):
    obj.v = state["v"] * 2


class Nested:
    class Inner:
        pass


def describe(o):
    if isinstance(o, Slotted):
        return ("Slotted", o.a, o.b)
    if hasattr(o, "__dict__") and not isinstance(o, type):
        return (type(o).__name__, sorted(o.__dict__.items()))
    return o


objs = [Plain(5), Reduced(1, 2), WithState(), NewArgs(7), KwOnly(key="k"), MyList([1, 2]),
        MyDict(a=1), Setter(), Nested.Inner, Nested.Inner(), describe, len, pickle.dumps]
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    print("protocol", proto)
    for o in objs:
        try:
            data = pickle.dumps(o, proto)
            print(" ", type(o).__name__, data)
            print("   ->", describe(pickle.loads(data)))
        except Exception as e:
            print(" ", type(o).__name__, "error:", type(e).__name__, e)
    try:
        print("  slots", describe(pickle.loads(pickle.dumps(Slotted(), proto))))
    except TypeError as e:
        print("  slots error:", e)

# copyreg: a reduction function for a class, and extension codes.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


copyreg.pickle(Point, lambda p: (Point, (p.x * 10, p.y * 10)))
p = pickle.loads(pickle.dumps(Point(1, 2), 2))
print("copyreg", p.x, p.y)
copyreg.add_extension(__name__, "Plain", 240)
copyreg.add_extension(__name__, "Reduced", 70000)
print(pickle.dumps([Plain, Reduced], 2))
print(pickle.loads(pickle.dumps([Plain, Reduced], 2)) == [Plain, Reduced])
copyreg.remove_extension(__name__, "Plain", 240)
copyreg.remove_extension(__name__, "Reduced", 70000)


# Persistent ids.
class DBPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Plain):
            return "plain-%d" % obj.x
        return None


class DBUnpickler(pickle.Unpickler):
    def persistent_load(self, pid):
        kind, x = pid.split("-")
        return "loaded %s %s" % (kind, x)


for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    f = io.BytesIO()
    DBPickler(f, proto).dump({"a": Plain(1), "b": [Plain(2), 3]})
    print(proto, f.getvalue())
    f.seek(0)
    print("  ", DBUnpickler(f).load())

f = io.BytesIO()
pk = pickle.Pickler(f, 0)
pk.persistent_id = lambda obj: "X%d" % obj if isinstance(obj, int) and obj > 100 else None
pk.dump([1, 200])
print(f.getvalue())
up = pickle.Unpickler(io.BytesIO(f.getvalue()))
up.persistent_load = lambda pid: "pid:" + pid
print(up.load())
try:
    pickle.loads(f.getvalue())
except pickle.UnpicklingError as e:
    print("UnpicklingError:", e)


# dispatch_table on a Pickler, reducer_override on a subclass.
class Token:
    pass


f = io.BytesIO()
pk = pickle.Pickler(f, 3)
pk.dispatch_table = {Token: lambda t: (str, ("token",))}
pk.dump([Token(), Token])
print(f.getvalue(), pickle.loads(f.getvalue()))


class Overriding(pickle.Pickler):
    def reducer_override(self, obj):
        if obj is Token:
            return (str, ("the Token class",))
        return NotImplemented


f = io.BytesIO()
Overriding(f, 4).dump([Token, 5, "s"])
print(pickle.loads(f.getvalue()))


# find_class restrictions.
class Restricted(pickle.Unpickler):
    def find_class(self, module, name):
        if module in ("builtins", "__builtin__") and name in ("set", "frozenset"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError("global '%s.%s' is forbidden" % (module, name))


print(Restricted(io.BytesIO(pickle.dumps({1, 2}, 2))).load())
try:
    Restricted(io.BytesIO(pickle.dumps(Plain(1), 2))).load()
except pickle.UnpicklingError as e:
    print("UnpicklingError:", e)
