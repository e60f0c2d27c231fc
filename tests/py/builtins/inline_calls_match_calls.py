# Calls the interpreter answers without calling (list.append on a local
# list, range() of small ints, bool(x)) give what the call gives, errors
# included, whatever the arguments.
import threading

l = []
for i in range(5):
    l.append(i)
print(l)
list.append(l, "explicit")
ap = l.append
ap("bound")
print(l)

class MyList(list):
    def append(self, x):
        super().append(("wrapped", x))

m = MyList()
for i in range(3):
    m.append(i)
print(m)

class Plain(list):
    pass

p = Plain()
for i in range(3):
    p.append(i)
print(p, type(p).__name__)

for bad in ((), (1, 2)):
    try:
        l.append(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    list.append(None, 1)
except TypeError as e:
    print("TypeError", e)
try:
    l.append(x=1)
except TypeError as e:
    print("TypeError", e)

# A list another thread appends to at the same time: nothing lost.
shared = []
def worker(k):
    for i in range(2000):
        shared.append((k, i))
ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(shared), sorted(set(k for k, _ in shared)), len(set(shared)))

# range() with every kind of argument.
for args in [(5,), (2, 9), (10, 0, -3), (True,), (False, 3), (2**70,), (-3, 3, 2)]:
    r = range(*args)
    print(args, r, list(r[:4]), r.start, r.stop, r.step, type(r.stop).__name__)
for args in [(), (1, 2, 3, 4), (1, 5, 0), (1.5,), ("3",), (None, 2)]:
    try:
        range(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    range(stop=3)
except TypeError as e:
    print("TypeError", e)

class Idx:
    def __index__(self):
        return 4
print(list(range(Idx())), range(1, Idx()))

# bool() of every kind of value.
class Truth:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
class Sized:
    def __len__(self): return 0
class BadBool:
    def __bool__(self): return 1
print([bool(x) for x in (0, 1, "", "a", [], [0], None, 0.0, 2j, Truth(True), Truth(False), Sized(), object())])
print(bool(), bool(x=1) if False else "no keyword call")
for args in ((BadBool(),), (1, 2)):
    try:
        bool(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    bool(x=1)
except TypeError as e:
    print("TypeError", e)

# dict.get of every kind of dict and key.
d = {1: "one", "a": "A", (1, 2): "tuple", 2.5: "float"}
print([d.get(k) for k in (1, "a", (1, 2), 2.5, 2, "b", True, 1.0)])
print([d.get(k, "dflt") for k in (1, "zz")], dict.get(d, "a"), dict.get(d, "q", 0))

class Missing(dict):
    def __missing__(self, k):
        return "missing"
m = Missing(x=1)
print(m.get("x"), m.get("y"), m["y"])

class OwnGet(dict):
    def get(self, k, default=None):
        return ("own", k)
print(OwnGet().get("k"))

class S(str):
    pass
print(d.get(S("a")), {S("k"): 1}.get("k"))

class K:
    def __hash__(self):
        return hash("a")
    def __eq__(self, other):
        return other == "a"
print(d.get(K()))
for bad in (([],), ()):
    try:
        d.get(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    d.get(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
try:
    d.get(k=1)
except TypeError as e:
    print("TypeError", e)
try:
    dict.get([], 1)
except TypeError as e:
    print("TypeError", e)

# getattr with a default, the name given as a str that is not interned.
class Obj:
    present = 5
name = "".join(["pre", "sent"])
print(getattr(Obj(), name, None), getattr(Obj(), name + "x", "absent"), hasattr(Obj(), name))
