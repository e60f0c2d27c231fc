# collections.OrderedDict: construction, moves to both ends, popitem at
# both ends, order-sensitive equality, repr, views, operators and errors.
from collections import OrderedDict
import copy, pickle, weakref

od = OrderedDict([("b", 2), ("a", 1)], c=3)
print(od, list(od), len(od))
od.move_to_end("b")
od.move_to_end("c", last=False)
print(list(od.items()))
od.move_to_end("c", False)   # already first
od.move_to_end("b", True)    # already last
print(list(od))
for bad in ("zz", ["unhashable"]):
    try:
        od.move_to_end(bad)
    except Exception as e:
        print(type(e).__name__, e)
try:
    OrderedDict().move_to_end(["unhashable on empty"])
except KeyError as e:
    print("KeyError on empty", e)
print(od.popitem(), od.popitem(last=False), od)
od.update([("x", 1), ("y", 2)], z=3)
print(od.popitem(False), od.pop("y"), od.pop("nope", "default"), od)
try:
    od.pop("nope")
except KeyError as e:
    print("KeyError", e)
e = OrderedDict()
for last in (True, False):
    try:
        e.popitem(last=last)
    except KeyError as ex:
        print("KeyError", ex)

# Equality: order matters between OrderedDicts only.
a = OrderedDict(a=1, b=2)
b = OrderedDict(b=2, a=1)
print(a == b, a != b, a == dict(b), dict(b) == a, a == {"a": 1}, a == [1])
try:
    a < b
except TypeError as ex:
    print("TypeError", ex)

# repr
print(repr(OrderedDict()), repr(OrderedDict(k=OrderedDict(n=None))))
r = OrderedDict()
r["self"] = r
print(repr(r))
r["v"] = r.values()
print(repr(r)[:40])

# views
v = a.keys(), a.values(), a.items()
print([type(x).__name__ for x in v], [type(x).__mro__[1].__name__ for x in v])
print(v, [list(reversed(x)) for x in v])
print("a" in a.keys(), ("a", 1) in a.items(), 2 in a.values(), a.keys() & {"a"}, a.keys() == {"b", "a"})
print(type(iter(a)).__name__, type(reversed(a)).__name__, list(reversed(a)))
print(a.keys().mapping)

# fromkeys, copy, setdefault
f = OrderedDict.fromkeys("cab", 0)
print(f, OrderedDict.fromkeys(range(3)))
c = f.copy()
c["z"] = 9
print(type(c).__name__, c, f)
print(f.setdefault("a", 5), f.setdefault("new"), f)

# operators
print(a | {"c": 3}, {"c": 3} | a, type({"c": 3} | a).__name__)
a |= [("d", 4)]
print(a)
for bad in (None, [("k", 1)], "ab"):
    try:
        a | bad
    except TypeError as ex:
        print("TypeError", ex)
try:
    a |= "BAD"
except ValueError as ex:
    print("ValueError", ex)

# update forms and their errors
u = OrderedDict()
class Keys:
    def keys(self): return ["k2", "k1"]
    def __getitem__(self, k): return k.upper()
class Items:
    def items(self): return [("i1", 1), ("i2", 2)]
u.update(Keys())
u.update(Items())
u.update({"d": 1}, e=2)
u.update(f=3)
print(u)
for bad in ([1], [(1,)], [(1, 2, 3)], 5):
    try:
        u.update(bad)
    except Exception as ex:
        print(type(ex).__name__, ex)
try:
    u.update({}, {})
except TypeError as ex:
    print("TypeError", ex)
try:
    OrderedDict({}, {})
except TypeError as ex:
    print("TypeError", ex)

# attributes, weak references, copies and pickles
p = OrderedDict(one=1, two=2)
p.tag = "t"
print(p.__dict__, p.__reduce__()[:4])
w = weakref.ref(p)
print(w() is p)
for dup in (copy.copy(p), copy.deepcopy(p), pickle.loads(pickle.dumps(p)), eval(repr(p))):
    print(type(dup).__name__, dup == p, list(dup), getattr(dup, "tag", None))
print(OrderedDict.__doc__, OrderedDict.__module__, OrderedDict.__hash__)
try:
    hash(p)
except TypeError as ex:
    print("TypeError", ex)
print(p.__sizeof__() > {"one": 1, "two": 2}.__sizeof__())
print(isinstance(p, dict), issubclass(OrderedDict, dict), OrderedDict[str, int])
