# d[k] and l[i] / l[i] = v on exact dicts and lists: the interpreter's direct
# paths must agree with the general protocol in every corner.

# int keys: equal keys of other types (bool, float) are found
d = {1.0: "float one", True: "bool?", 2: "two", -1: "minus one", -2: "minus two"}
print(d[1], d[True], d[1.0], d[2], d[2.0], d[-1], d[-2])
print(len(d), list(d))

# a stored key equal to an int by __eq__, with the int's hash
class IntLike:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        print("  IntLike.__eq__ called")
        return other == self.v

d = {IntLike(7): "seven"}
print(d[7])

# str keys: a stored str subclass, or an object equal to the str
class S(str):
    def __eq__(self, other):
        print("  S.__eq__ called")
        return str.__eq__(self, other)
    __hash__ = str.__hash__

d = {S("name"): 1}
print(d["name"])

class StrLike:
    def __hash__(self):
        return hash("key")
    def __eq__(self, other):
        print("  StrLike.__eq__ called")
        return other == "key"

d = {StrLike(): "found"}
print(d["key"])

# misses raise KeyError with the key; subclasses use __missing__
d = {"a": 1, 5: 2}
for k in ["b", 6, -1, "a" * 3]:
    try:
        d[k]
    except KeyError as e:
        print("KeyError", repr(e), e.args)

class Counter(dict):
    def __missing__(self, key):
        return "missing " + repr(key)

c = Counter(a=1)
print(c["a"], c["zz"], c[3])

# keys whose hash is computed on first use (built at run time)
key = "".join(["na", "me"])
d = {"name": "v"}
print(d[key], d["na" + "me"])
big = 2 ** 70
d = {big: "big", 2 ** 40: "mid"}
print(d[2 ** 70], d[1 << 40])

# a value deleted and re-added between lookups
d = {"x": 1, "y": 2}
del d["x"]
try:
    d["x"]
except KeyError as e:
    print("KeyError", e)
d["x"] = 3
print(d["x"], list(d.items()))

# list indexing, negative indexes, bounds
l = [10, 20, 30]
print(l[0], l[-1], l[-3], l[2])
for i in [3, -4, 10 ** 20, -(10 ** 20)]:
    try:
        l[i]
    except IndexError as e:
        print("IndexError", e)
l[-1] = "last"
l[0] = l
print(len(l), l[1], l[-1], l[0] is l)
for i in [3, -4, 10 ** 20]:
    try:
        l[i] = 0
    except IndexError as e:
        print("IndexError", e)
try:
    l["0"] = 1
except TypeError as e:
    print("TypeError", e)
try:
    l[1.0]
except TypeError as e:
    print("TypeError", e)
print(l[True], l[False] is l)

# list subclasses with __getitem__/__setitem__ are honoured
class Loud(list):
    def __getitem__(self, i):
        return ("got", i)
    def __setitem__(self, i, v):
        print("  set", i, v)

ll = Loud([1, 2])
print(ll[0])
ll[1] = 9
print(list(ll))

# a list shrunk while indexing continues
l = list(range(5))
out = []
for i in range(5):
    if i < len(l):
        out.append(l[i])
        l.pop()
print(out, l)

# a global (shared) list is updated in place too
G = [0] * 4
def bump(n):
    for i in range(n):
        G[i % 4] = G[i % 4] + 1
bump(10)
print(G)

# tuples: negative and out-of-range indexes
t = (1, 2, 3)
print(t[-1], t[0])
try:
    t[3]
except IndexError as e:
    print("IndexError", e)

# deletion and bytearray item errors name the sequence like CPython
l = [1]
for f in (lambda: l.__delitem__("a"), lambda: l.__delitem__(5)):
    try:
        f()
    except (TypeError, IndexError) as e:
        print(type(e).__name__, e)
b = bytearray(b"a")
for f in (lambda: b.__setitem__("a", 1), lambda: b.__getitem__("a"), lambda: b.__setitem__(5, 1)):
    try:
        f()
    except (TypeError, IndexError) as e:
        print(type(e).__name__, e)
