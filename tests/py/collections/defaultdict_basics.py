# defaultdict: factories, __missing__, repr, copy, union, pickling, errors.
from collections import defaultdict
import copy
import pickle

groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(groups)
print(sorted(groups.items()))
print(groups.default_factory is list)

counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(dict(sorted(counts.items())))

# get() and `in` never call the factory
calls = []
def factory():
    calls.append(1)
    return "made"
d = defaultdict(factory)
print(d.get("x"), "x" in d, len(calls))
print(d["x"], len(calls), dict(d), d.default_factory.__name__)

# no factory: KeyError carries the key
plain = defaultdict()
print(repr(plain), plain.default_factory)
for key in ["missing", (1, 2), 0]:
    try:
        plain[key]
    except KeyError as e:
        print("KeyError", repr(e), e.args)

# a non-callable factory is a TypeError
for bad in [1, "str", [list]]:
    try:
        defaultdict(bad)
    except TypeError as e:
        print("TypeError:", e)

# default_factory is writable
d = defaultdict(None, a=1)
d.default_factory = lambda: 42
print(d["b"], sorted(d.items()))
d.default_factory = None
try:
    d["c"]
except KeyError as e:
    print("KeyError", e)

# constructor forwards the rest to dict()
print(defaultdict(str, [("k", "v")], extra=2))
print(defaultdict(str, {"one": 1}) == {"one": 1})

# copies keep the factory
src = defaultdict(set, {"a": {1}})
for c in (src.copy(), copy.copy(src), copy.deepcopy(src)):
    print(type(c).__name__, c.default_factory, c, c["a"] is src["a"])

# | and |=
left = defaultdict(list, {"a": [1]})
u = left | {"b": [2]}
print(type(u).__name__, u.default_factory, sorted(u.items()))
r = {"z": []} | left
print(type(r).__name__, r.default_factory, list(r))
left |= {"c": [3]}
print(sorted(left))
print(left.__or__(5))

# pickling round trip
p = pickle.loads(pickle.dumps(defaultdict(int, {"x": 3})))
print(type(p).__name__, p.default_factory, p, p["new"])

# recursive repr
rec = defaultdict(list)
rec["self"] = rec
print(rec)

# subclasses keep their own name in repr and get an instance dict
class Tally(defaultdict):
    def __init__(self):
        super().__init__(int)
        self.label = "tally"
t = Tally()
t["x"] += 2
print(t, t.label, isinstance(t, dict), Tally.__mro__[1].__name__)
try:
    t.copy()  # copy() calls Tally(factory, self): this __init__ takes no args
except TypeError as e:
    print("TypeError:", e)
print(defaultdict[str, int])
