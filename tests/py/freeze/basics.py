# protopy.freeze: every mutator of a frozen list, dict, set, bytearray and
# instance raises TypeError; reads work; copies are mutable; isfrozen.
# Blessed on CPython with the pure-Python model in _freezeref.py.
try:
    import protopy

    def attempt(target, fn):
        return fn()
except ImportError:
    import _freezeref as protopy
    attempt = protopy.attempt
import copy


def tryit(label, target, fn):
    try:
        r = attempt(target, fn)
        print(label, "->", r)
    except TypeError as e:
        print(label, "!! TypeError", e)


L = [3, 1, 2]
D = {"a": 1, "b": [1, 2]}
S = {1, 2, 3}
B = bytearray(b"abc")
root = {"list": L, "dict": D, "set": S, "ba": B, "tup": (L, 5), "fs": frozenset({4})}
print(protopy.isfrozen(root), protopy.isfrozen(L))
print(protopy.freeze(root) is root)
print(all(protopy.isfrozen(x) for x in (root, L, D, S, B, D["b"], root["tup"], root["fs"])))

for name, fn in [
    ("append", lambda: L.append(4)), ("extend", lambda: L.extend([4])),
    ("insert", lambda: L.insert(0, 4)), ("pop", lambda: L.pop()),
    ("remove", lambda: L.remove(1)), ("clear", lambda: L.clear()),
    ("sort", lambda: L.sort()), ("sort key", lambda: L.sort(key=lambda x: -x)),
    ("reverse", lambda: L.reverse()), ("setitem", lambda: L.__setitem__(0, 9)),
    ("setslice", lambda: L.__setitem__(slice(0, 1), [9])),
    ("delitem", lambda: L.__delitem__(0)), ("delslice", lambda: L.__delitem__(slice(None))),
    ("iadd", lambda: L.__iadd__([1])), ("imul", lambda: L.__imul__(2)),
    ("init", lambda: L.__init__([7])),
]:
    tryit("list." + name, L, fn)


def list_ops():
    l = L
    l += [1]


def list_store():
    L[0] = 5


def list_del():
    del L[0]


tryit("list +=", L, list_ops)
tryit("list[0] =", L, list_store)
tryit("del list[0]", L, list_del)
print(L, len(L), L[0], L[-1], L[1:], sorted(L), list(reversed(L)), 2 in L, L.index(2), L.count(1))

for name, fn in [
    ("setitem", lambda: D.__setitem__("c", 1)), ("setitem existing", lambda: D.__setitem__("a", 2)),
    ("delitem", lambda: D.__delitem__("a")), ("update", lambda: D.update(c=3)),
    ("update empty", lambda: D.update()), ("pop", lambda: D.pop("a")),
    ("pop missing", lambda: D.pop("zz", None)), ("popitem", lambda: D.popitem()),
    ("clear", lambda: D.clear()), ("setdefault", lambda: D.setdefault("a", 0)),
    ("ior", lambda: D.__ior__({"c": 1})),
]:
    tryit("dict." + name, D, fn)
tryit("nested list append", D["b"], lambda: D["b"].append(3))


def dict_store():
    D["x"] = 1


def dict_ior():
    d = D
    d |= {"x": 1}


tryit("dict[k] =", D, dict_store)
tryit("dict |=", D, dict_ior)
print(D, len(D), D["a"], D.get("b"), list(D), list(D.items()), "a" in D, D | {"z": 0})

for name, fn in [
    ("add", lambda: S.add(9)), ("add present", lambda: S.add(1)),
    ("discard", lambda: S.discard(1)), ("remove", lambda: S.remove(1)),
    ("pop", lambda: S.pop()), ("clear", lambda: S.clear()),
    ("update", lambda: S.update([5])), ("intersection_update", lambda: S.intersection_update([1])),
    ("difference_update", lambda: S.difference_update([1])),
    ("symmetric_difference_update", lambda: S.symmetric_difference_update([1])),
    ("ior", lambda: S.__ior__({7})), ("iand", lambda: S.__iand__({1})),
    ("isub", lambda: S.__isub__({1})), ("ixor", lambda: S.__ixor__({1})),
]:
    tryit("set." + name, S, fn)
print(sorted(S), len(S), 2 in S, sorted(S | {8}), sorted(S & {1, 2}))

for name, fn in [
    ("append", lambda: B.append(1)), ("extend", lambda: B.extend(b"x")),
    ("insert", lambda: B.insert(0, 1)), ("pop", lambda: B.pop()),
    ("pop 0", lambda: B.pop(0)), ("remove", lambda: B.remove(97)),
    ("clear", lambda: B.clear()), ("reverse", lambda: B.reverse()),
    ("setitem", lambda: B.__setitem__(0, 65)), ("setslice", lambda: B.__setitem__(slice(0, 2), b"zz")),
    ("delitem", lambda: B.__delitem__(0)), ("delslice", lambda: B.__delitem__(slice(0, 2))),
    ("iadd", lambda: B.__iadd__(b"q")), ("imul", lambda: B.__imul__(2)),
]:
    tryit("bytearray." + name, B, fn)
print(B, len(B), B[0], B[1:], bytes(B), B.upper(), B.find(b"c"))


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.tags = ["a"]


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = [1]


class Empty:
    pass


p = Point(1, 2)
s = Slotted()
e = Empty()
protopy.freeze([p, s, e])
print(protopy.isfrozen(p), protopy.isfrozen(p.tags), protopy.isfrozen(s), protopy.isfrozen(s.a), protopy.isfrozen(e))


def set_x():
    p.x = 10


def set_new():
    p.z = 3


def del_y():
    del p.y


tryit("p.x =", p, set_x)
tryit("p.z =", p, set_new)
tryit("del p.y", p, del_y)
tryit("setattr", p, lambda: setattr(p, "x", 4))
tryit("delattr", p, lambda: delattr(p, "x"))
tryit("object.__setattr__", p, lambda: object.__setattr__(p, "x", 4))
tryit("object.__delattr__", p, lambda: object.__delattr__(p, "x"))
tryit("__dict__ write", p.__dict__, lambda: p.__dict__.__setitem__("w", 1))
tryit("__dict__ update", p.__dict__, lambda: vars(p).update(w=1))
tryit("p.tags.append", p.tags, lambda: p.tags.append("b"))
tryit("slot set", s, lambda: setattr(s, "a", 2))
tryit("slot set unset", s, lambda: setattr(s, "b", 2))
tryit("slot del", s, lambda: delattr(s, "a"))
tryit("empty set", e, lambda: setattr(e, "q", 1))
tryit("__class__ =", p, lambda: setattr(p, "__class__", Empty))
tryit("__dict__ =", p, lambda: setattr(p, "__dict__", {"x": 0}))
for _ in range(3):  # the attribute-store cache must not bypass the check
    tryit("loop store", p, set_x)
print(p.x, p.y, p.tags, vars(p), s.a, vars(e))

# Library code that writes lists in place is refused too.
import bisect
import heapq
import random
H = protopy.freeze([1, 3, 5])
for name, fn in [("heappush", lambda: heapq.heappush(H, 0)), ("heappop", lambda: heapq.heappop(H)),
                 ("heapify", lambda: heapq.heapify(H)), ("heapreplace", lambda: heapq.heapreplace(H, 9)),
                 ("heappushpop", lambda: heapq.heappushpop(H, 9)), ("insort", lambda: bisect.insort(H, 2)),
                 ("insort_left", lambda: bisect.insort_left(H, 2)), ("shuffle", lambda: random.shuffle(H))]:
    tryit(name, H, fn)
print(H, heapq.nsmallest(2, H), bisect.bisect(H, 4))
sentinel = object()
print(protopy.freeze([sentinel])[0] is sentinel, protopy.isfrozen(sentinel))

# Copies are mutable.
for label, c in [("list()", list(L)), ("copy()", L.copy()), ("slice", L[:]),
                 ("copy.copy", copy.copy(L)), ("deepcopy", copy.deepcopy(L))]:
    c.append(0)
    print(label, c, protopy.isfrozen(c))
dc = dict(D)
dc["new"] = 1
d2 = D.copy()
d2.pop("a")
dd = copy.deepcopy(D)
dd["b"].append(3)
print(dc, d2, dd, protopy.isfrozen(dd["b"]))
sc = set(S)
sc.add(0)
s2 = S.copy()
s2.clear()
print(sorted(sc), s2)
bc = bytearray(B)
bc.append(33)
print(bc, B.copy() + b"!")
pc = copy.copy(p)
pc.x = 99
pd = copy.deepcopy(p)
pd.tags.append("z")
print(pc.x, pd.tags, protopy.isfrozen(pc), protopy.isfrozen(pd))

# isfrozen of values immutable by type, and of containers of them.
print([protopy.isfrozen(v) for v in (1, 2**100, 1.5, 1j, "s", b"b", None, True, range(3),
                                     (1, "a"), (1, [2]), frozenset({1, 2}), [], {}, set(),
                                     Point, len, copy, slice(1, 2))])
