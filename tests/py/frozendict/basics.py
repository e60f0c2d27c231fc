# frozendict (PEP 814): construction as dict's, insertion order, the Mapping
# protocol, no mutating methods, and the constructor's errors.
try:
    frozendict
except NameError:
    from _fdref import frozendict


def show(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


print([c.__name__ for c in frozendict.__mro__], issubclass(frozendict, dict))
print(frozendict(), len(frozendict()), bool(frozendict()))
print(frozendict(b=2, a=1))
print(frozendict({"x": 1, "y": 2}))
print(frozendict([("p", 1), ("q", 2)]))
print(frozendict([("p", 1)], q=2, r=3))
print(frozendict({"k": 1}, k=9))
print(frozendict(zip("abc", range(3))))
print(frozendict(frozendict(a=1), b=2))

# Duplicate keys: first position and key object, last value.
fd = frozendict([("a", 1), ("b", 2), ("a", 3)])
print(fd, list(fd))
fd = frozendict([(1, "int"), (1.0, "float"), (True, "bool")])
print(fd, type(list(fd)[0]).__name__)


class Pairs:
    def keys(self):
        return ["u", "v"]

    def __getitem__(self, k):
        return k.upper()


print(frozendict(Pairs()))

# An exact frozendict is its own copy.
fd = frozendict(a=1, b=2)
print(frozendict(fd) is fd, fd.copy() is fd, frozendict(fd, c=3) is fd)

# Mapping protocol.
print(fd["a"], fd.get("b"), fd.get("z"), fd.get("z", 0), "a" in fd, "z" in fd, len(fd))
print(list(fd), list(reversed(fd)), [k for k in fd])
print(list(fd.keys()), list(fd.values()), list(fd.items()))
print(dict(fd), {**fd}, sorted(fd), max(fd))


def kw(**k):
    return sorted(k.items())


print(kw(**fd))
show("fd['z']", lambda: fd["z"])
show("fd.get()", lambda: fd.get())
show("fd.get(1, 2, 3)", lambda: fd.get(1, 2, 3))
show("fd[[]]", lambda: fd[[]])
show("[] in fd", lambda: [] in fd)

# No mutation at all.


def setitem():
    fd["a"] = 5


def delitem():
    # Only the type: CPython's message for a Python class and for a builtin
    # type differ in wording.
    try:
        del fd["a"]
    except TypeError as e:
        return "TypeError"


def setattr_():
    fd.extra = 1


show("fd['a'] = 5", setitem)
show("del fd['a']", delitem)
show("fd.extra = 1", setattr_)
for name in ("update", "pop", "popitem", "clear", "setdefault", "__setitem__",
             "__delitem__", "__ior__"):
    print(name, hasattr(fd, name))
print(fd)

# Constructor errors, as dict's.
show("frozendict(1, 2)", lambda: frozendict(1, 2))
show("frozendict(1)", lambda: frozendict(1))
show("frozendict([1])", lambda: frozendict([1]))
show("frozendict(['ab', 'c'])", lambda: frozendict(["ab", "c"]))
show("frozendict([(1, 2, 3)])", lambda: frozendict([(1, 2, 3)]))
show("frozendict([([], 1)])", lambda: frozendict([([], 1)]))
show("frozendict({'a': 1}, **{'b': []})", lambda: frozendict({"a": 1}, **{"b": []}))


class BadKeys:
    def keys(self):
        raise RuntimeError("keys failed")


show("frozendict(BadKeys())", lambda: frozendict(BadKeys()))


def gen():
    yield ("a", 1)
    raise ValueError("generator failed")


show("frozendict(gen())", lambda: frozendict(gen()))

# fromkeys and generic alias.
print(frozendict.fromkeys("abc"), frozendict.fromkeys([1, 2], 0))
show("frozendict.fromkeys()", lambda: frozendict.fromkeys())
show("frozendict.fromkeys([[]])", lambda: frozendict.fromkeys([[]]))
ga = frozendict[str, int]
print(type(ga).__name__, ga.__origin__ is frozendict, ga.__args__)

# Larger ones keep insertion order.
big = frozendict((str(i), i) for i in range(5000))
print(len(big), list(big)[:3], list(big)[-3:], big["4321"], sum(big.values()))
