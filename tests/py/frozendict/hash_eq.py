# frozendict: hash(fd) == hash(frozenset(fd.items())), computed once;
# unhashable values; equality with dict and frozendict regardless of order,
# through the elements' ==; no ordering; other types compare unequal.
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


fd = frozendict(a=1, b=(2, 3))
print(hash(fd) == hash(frozenset(fd.items())), hash(frozendict()) == hash(frozenset()))
print(hash(fd) == hash(frozendict(b=(2, 3), a=1)))
print(len({fd, frozendict(b=(2, 3), a=1), frozendict(a=1)}))
cache = {fd: "x"}
print(cache[frozendict(b=(2, 3), a=1)])
show("hash(frozendict(a=[]))", lambda: hash(frozendict(a=[])))
show("hash(frozendict(a={}))", lambda: hash(frozendict(a={})))
show("{frozendict(a=[1]): 0}", lambda: {frozendict(a=[1]): 0})


class Counted:
    calls = 0

    def __hash__(self):
        Counted.calls += 1
        return 7

    def __eq__(self, o):
        return self is o


c = frozendict(k=Counted())
h1 = hash(c)
n1 = Counted.calls
h2 = hash(c)
print(h1 == h2, n1 >= 1, Counted.calls == n1)

# Equality.
print(fd == {"b": (2, 3), "a": 1}, {"b": (2, 3), "a": 1} == fd)
print(fd == frozendict(b=(2, 3), a=1), fd != {"a": 1}, {"a": 1} != fd)
print(frozendict(a=1) == frozendict(a=1.0), frozendict(a=1) == {"a": True})
print(fd == [("a", 1), ("b", (2, 3))], fd == 1, fd != "x", fd is not None)
print(frozendict() == {}, frozendict(a=1) == frozendict(b=1))
print(fd.__eq__(1), fd.__ne__([]))
nan = float("nan")
n = frozendict(x=nan)
print(n == n, n == frozendict(x=nan), n == frozendict(x=float("nan")))

show("fd < fd", lambda: fd < fd)
show("fd >= {}", lambda: fd >= {})


class Boom:
    def __eq__(self, o):
        raise ValueError("eq failed")

    def __hash__(self):
        return 1


b = Boom()
show("frozendict(x=Boom()) == frozendict(x=Boom())",
     lambda: frozendict(x=Boom()) == frozendict(x=Boom()))
fb = frozendict({b: 1})
print(fb[b], b in fb)
show("Boom() in fb", lambda: Boom() in fb)
show("fb[Boom()]", lambda: fb[Boom()])
show("frozendict([(Boom(), 1), (Boom(), 2)])", lambda: frozendict([(Boom(), 1), (Boom(), 2)]))
show("fb | {Boom(): 2}", lambda: fb | {Boom(): 2})


class BadHash:
    def __hash__(self):
        raise LookupError("no hash")


show("frozendict({1: 1}).get(BadHash())", lambda: frozendict({1: 1}).get(BadHash()))
show("frozendict([(BadHash(), 1)])", lambda: frozendict([(BadHash(), 1)]))
