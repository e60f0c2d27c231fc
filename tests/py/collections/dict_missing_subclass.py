# dict subclasses, __missing__, and overridden methods
class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
for ch in "mississippi":
    c[ch] += 1
print(sorted(c.items()), c["z"], "z" in c, c.get("z"))
class Default(dict):
    def __init__(self, factory):
        super().__init__()
        self.factory = factory
    def __missing__(self, key):
        v = self[key] = self.factory()
        return v
g = Default(list)
g["a"].append(1)
g["a"].append(2)
g["b"].append(3)
print(dict(g), len(g))
class Lower(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)
    def __getitem__(self, k):
        return super().__getitem__(k.lower())
l = Lower()
l["HeLLo"] = 1
print(l, l["HELLO"], l.get("HELLO"), "hello" in l)
l.update({"UPD": 2})
print(l)
class Noisy(dict):
    def __missing__(self, key):
        raise KeyError("custom: " + str(key))
try:
    Noisy()["k"]
except KeyError as e:
    print(type(e).__name__, e)
print(type(Counter(a=1) | {"b": 2}).__name__, isinstance(c, dict), Counter.__mro__[1].__name__)
