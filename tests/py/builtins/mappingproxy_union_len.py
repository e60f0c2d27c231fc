# mappingproxy: `|` of the underlying mappings, `|=` refused, len through
# the mapping's own __len__.
import types


class Counting(dict):
    def __len__(self):
        return 500

    def __or__(self, other):
        return ("Counting.__or__", sorted(other))


mp = types.MappingProxyType({"a": 1, "b": 2})
print(mp | {"b": 3, "c": 4})
print({"z": 0} | mp)
print(type(mp | types.MappingProxyType({"c": 3})).__name__)
print(mp | types.MappingProxyType({"c": 3}))
for bad in [lambda: mp | [("r", 2)], lambda: [("r", 2)] | mp, lambda: mp | 3]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
view = mp
try:
    view |= {"x": 1}
except TypeError as e:
    print("TypeError:", e)
print(view is mp, dict(mp))

custom = types.MappingProxyType(Counting(k=1))
print(len(custom), len(types.MappingProxyType({})), len(Counting(a=1).keys()))
print(custom | {"q": 1})
print(len(int.__dict__) == len(dict(int.__dict__)))
print(sorted(set(dir(mp)) - set(dir(object()))))
