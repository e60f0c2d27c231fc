# Forwarding `**kw` when it is empty, or an empty mapping of another kind:
# nothing is merged, and the errors for a non-mapping stay.
def show(*a, **k):
    return a, sorted(k.items())

def forward(*args, **kwds):
    return show(*args, **kwds)

print(forward())
print(forward(1, 2))
print(forward(1, x=2))
empty = {}
print(show(**empty), show(1, **empty, **empty))
print(show(**empty, y=3), show(y=3, **empty))

class Keys(dict):
    def keys(self):
        return ["k"]
    def __getitem__(self, key):
        return "from " + key

print("dict subclass, empty:", show(**Keys()))
d = Keys()
d["z"] = 1
print("dict subclass, filled:", show(**d))

class Mapping:
    def keys(self):
        return []
    def __getitem__(self, key):
        raise KeyError(key)

print("empty mapping:", show(**Mapping()))
for bad in (None, [], 5):
    try:
        show(**bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    show(a=1, **{"a": 2})
except TypeError as e:
    print("TypeError:", e)
print({**{}}, {**{}, **{"q": 1}}, {"r": 2, **{}})
