import collections
class M(dict):
    def __missing__(self, k): return "missing"
    def __getitem__(self, k): return "gi"
m = M(a=1)
print(m.get("a"), m.get("b"), m.get("b", 3), m["zz"], dict.get(m, "a"), m.get(1), m.get(1, "d"))
dd = collections.defaultdict(list, {"x": 1, 2: "two"})
print(dd.get("x"), dd.get("y"), dd.get(2), "y" in dd)
od = collections.OrderedDict(a=1)
print(od.get("a"), od.get("q", 0))
class K(str):
    def __hash__(self): return hash(str(self))
    def __eq__(self, o): return str(self) == o
print(m.get(K("a")), M({K("k"): 5}).get("k"))
try:
    m.get([])
except TypeError as e:
    print("TypeError:", e)
try:
    dict.get(5, "a")
except TypeError as e:
    print("TypeError:", e)
