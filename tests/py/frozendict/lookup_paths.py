# frozendict lookups (fd[k], k in fd, fd.get) on versions made by the
# constructor, by `|` (a chain long enough to pass the point where a version
# stops sharing its base), and by a subclass copy: colliding hashes compared
# in insertion order, identity before ==, an __eq__ that raises, hash(-1),
# unhashable keys, KeyError's key, numeric key equivalence, NaN keys, and
# iteration order of every view.
try:
    frozendict
except NameError:
    from _fdref import frozendict


def show(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "!!", type(e).__name__, e)


log = []


class Key:
    def __init__(self, name, h):
        self.name = name
        self.h = h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        log.append((self.name, getattr(other, "name", other)))
        if isinstance(other, Key):
            if other.name == "boom" or self.name == "boom":
                raise ValueError("compare " + self.name)
            return self.name == other.name
        return NotImplemented

    def __repr__(self):
        return "Key(%s)" % self.name


a, b, c = Key("a", 7), Key("b", 7), Key("c", 7)
far = Key("far", 8)
fd = frozendict([(a, 1), (b, 2), (far, 3), (c, 4)])


def probe(label, f):
    del log[:]
    show(label, f)
    print("   eq calls:", log)


probe("fd[b] (identical)", lambda: fd[b])
probe("fd[Key('c', 7)]", lambda: fd[Key("c", 7)])
probe("Key('z', 7) in fd", lambda: Key("z", 7) in fd)
probe("fd.get(Key('z', 8), 'dflt')", lambda: fd.get(Key("z", 8), "dflt"))
probe("fd.get(Key('z', 9))", lambda: fd.get(Key("z", 9)))
probe("fd[Key('boom', 7)]", lambda: fd[Key("boom", 7)])
probe("Key('boom', 8) in fd", lambda: Key("boom", 8) in fd)
probe("fd[Key('q', 7)]", lambda: fd[Key("q", 7)])

# -1 hashes as -2: they share a hash but are different keys.
neg = frozendict({-1: "m1", -2: "m2"})
print(hash(-1) == hash(-2), neg[-1], neg[-2], neg.get(-3, "none"))
show("neg[[1]]", lambda: neg[[1]])
show("[1] in neg", lambda: [1] in neg)
show("neg.get({})", lambda: neg.get({}))
show("neg[(1, 2)]", lambda: neg[(1, 2)])
show("neg[(1, [2])]", lambda: neg[(1, [2])])

num = frozendict({1: "one", 2.5: "two.5", "s": "str", (1, 2): "tup", None: "none"})
print(num[1.0], num[True], 1 in num, num.get(2.5), num["s"], num[(1.0, 2)], num[None])
show("num[2]", lambda: num[2])
show("num['t']", lambda: num["t"])

nan = float("nan")
fn = frozendict({nan: "nan"})
print(fn[nan], float("nan") in fn, fn.get(float("nan"), "other nan"))

# A big table and a chain of versions derived from it.
N = 3000
big = frozendict({i: i * 3 for i in range(N)})
sbig = frozendict({"k%d" % i: i for i in range(N)})
print(sum(big[i] for i in range(N)), sum(sbig["k%d" % i] for i in range(N)))
print(all(i in big for i in range(N)), any(i in big for i in range(N, 2 * N)))
print(big.get(N), big.get(-1, "x"), sbig.get("k%d" % N, "missing"))

v = big
for j in range(600):
    v = v | {N + j: j, j: -j}
print(len(v), len(big), v[5], big[5], v[N + 599], v.get(N + 600, "absent"))
print(sum(v[i] for i in range(N + 600)), sum(big.values()))
print(list(v)[:3], list(v)[-3:], list(v.values())[-3:], list(v.items())[:2])
print(list(reversed(v))[:3], list(reversed(v.keys()))[-2:])
print(v == dict(v), big == {i: i * 3 for i in range(N)}, v != big)
show("v[N + 600]", lambda: v[N + 600])


class Sub(frozendict):
    pass


class WithMissing(frozendict):
    def __missing__(self, key):
        return ("missing", key)


s = Sub(big)
cp = s.copy()
print(type(cp).__name__, cp[7], 7 in cp, cp.get(-5, "d"), cp == big, len(cp))
m = WithMissing({1: "x"})
print(m[1], m[2], m.get(2, "get ignores __missing__"), 2 in m)
w = frozendict(fd) | {Key("d", 7): 5}
probe("w[Key('d', 7)]", lambda: w[Key("d", 7)])
probe("(w | {a: 9})[a]", lambda: (w | {a: 9})[a])

# Versions derived by `|` from one base: keys of one hash split between the
# base and the later additions are still compared in insertion order.
e, g = Key("e", 7), Key("g", 8)
w2 = w | {b: 20, e: 6} | {g: 7, e: 60, c: 40}
probe("w2[Key('e', 7)]", lambda: w2[Key("e", 7)])
probe("w2[b]", lambda: w2[b])
probe("w2.get(Key('c', 7))", lambda: w2.get(Key("c", 7)))
probe("Key('y', 7) in w2", lambda: Key("y", 7) in w2)
probe("w2[Key('g', 8)]", lambda: w2[Key("g", 8)])
probe("w2[Key('boom', 8)]", lambda: w2[Key("boom", 8)])
print(list(w2.items()))
print(list(w.items()))
probe("w[e]", lambda: w[e])
w3 = w2 | {Key("h", 9): 8}
probe("w3[Key('boom', 9)]", lambda: w3[Key("boom", 9)])
probe("w3.get(Key('h', 9))", lambda: w3.get(Key("h", 9)))
