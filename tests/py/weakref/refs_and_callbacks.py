# weakref.ref: identity sharing, callbacks after a collection, hash/eq, errors.
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Node({self.name})"


log = []


def make_refs():
    n = Node("a")
    r1 = weakref.ref(n)
    r2 = weakref.ref(n)
    r3 = weakref.ref(n, lambda w: log.append(("died", w is r3)))
    print("shared basic ref:", r1 is r2, "callback ref separate:", r3 is not r1)
    print("count:", weakref.getweakrefcount(n), len(weakref.getweakrefs(n)))
    print("alive:", r1() is n, r1() == n)
    print("hash equal:", hash(r1) == hash(n), "eq:", r1 == r3, r1 != r3)
    print("callback attr:", r1.__callback__, callable(r3.__callback__))
    return r1, r3


r1, r3 = make_refs()
gc.collect()
print("after collect:", r1(), r3(), log)
print("dead eq is identity:", r1 == r1, r1 == r3)
print("dead repr:", repr(r1).endswith("; dead>"))


def hashed_then_dead():
    n = Node("h")
    r = weakref.ref(n)
    h = hash(r)
    return r, h == hash(n)


r, same = hashed_then_dead()
gc.collect()
print("hash kept after death:", same, isinstance(hash(r), int))


def unhashed_then_dead():
    return weakref.ref(Node("u"))


r = unhashed_then_dead()
gc.collect()
try:
    hash(r)
except TypeError as e:
    print("TypeError:", e)

for bad in [1, "s", (1,), [1], {}, None, object()]:
    try:
        weakref.ref(bad)
    except TypeError as e:
        print("TypeError:", e)

try:
    weakref.ref()
except TypeError as e:
    print("TypeError:", e)


class Failing:
    def __call__(self, w):
        return 1 / 0

    def __repr__(self):
        return "Failing()"


def raising_callback():
    n = Node("x")
    return weakref.ref(n, Failing())


keep = raising_callback()
gc.collect()
print("callback error reported, program goes on:", keep())
print(weakref.ref.__name__, weakref.ref.__module__, weakref.ReferenceType is weakref.ref)
print(weakref.ref[int])
r = weakref.ref(Node)
try:
    r.attr = 1
except AttributeError:
    print("AttributeError: no attributes on a ref")
