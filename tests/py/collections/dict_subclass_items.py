# d[k] and d[k] = v on dict subclasses: dict's own methods with __missing__
# looked up on the type, overrides anywhere in the MRO honoured, and the
# standard subclasses (Counter, defaultdict, OrderedDict).
from collections import Counter, OrderedDict, defaultdict


class Plain(dict):
    pass


class Miss(dict):
    def __missing__(self, key):
        return ("missing", key)


class Loud(dict):
    def __setitem__(self, key, value):
        print("set", key, value)
        super().__setitem__(key, value * 2)

    def __getitem__(self, key):
        print("get", key)
        return super().__getitem__(key)


class Quiet(Loud):
    pass


class Raising(dict):
    def __missing__(self, key):
        raise LookupError(f"no {key!r}")


p = Plain(a=1)
p["b"] = 2
print(p["a"], p["b"], sorted(p.items()))
try:
    p["zz"]
except KeyError as e:
    print("KeyError", e)

m = Miss()
m.__missing__ = lambda k: "instance attribute is not used"
print(m["x"], m.get("x"), "x" in m)
m["x"] = 5
print(m["x"])

q = Quiet()
q["k"] = 10
print(q["k"])

try:
    Raising()["nope"]
except LookupError as e:
    print(type(e).__name__, e)

c = Counter()
for w in "the cat and the hat and the bat".split():
    c[w] += 1
print(c.most_common(2), c["dog"])

dd = defaultdict(list)
dd["a"].append(1)
dd["a"].append(2)
print(dict(dd), dd["new"], len(dd))

od = OrderedDict()
od["z"] = 1
od["a"] = 2
od["z"] = 3
print(list(od.items()), od["a"])


class Hashy:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return hash(self.n)

    def __eq__(self, other):
        return isinstance(other, Hashy) and other.n == self.n


p2 = Plain()
p2[Hashy(1)] = "one"
print(p2[Hashy(1)])
try:
    p2[[1]]
except TypeError as e:
    print("TypeError", e)
try:
    p2[[1]] = 0
except TypeError as e:
    print("TypeError", e)
