# UserDict, UserList, UserString and ChainMap basics.
from collections import UserDict, UserList, UserString, ChainMap

class Lower(UserDict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

d = Lower(A=1)
d["B"] = 2
print(d, d.data, "a" in d, len(d), d.get("zz", 0))
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)
print(d | {"c": 3}, sorted(d.keys()))
print(UserDict(x=1) == {"x": 1})

l = UserList([3, 1, 2])
l.append(0)
l.sort()
print(l, l[1:], type(l[1:]).__name__, l + [9], 2 * UserList([1]))
print(l.pop(), l.index(2), l.count(1))

s = UserString("Hello")
print(s.upper(), s[1:3], s + "!", len(s), s.find("l"), "ell" in s)
print(type(s.lower()).__name__, s == "Hello", s < "World")

base = {"colour": "red", "size": 1}
over = {"colour": "blue"}
cm = ChainMap(over, base)
print(cm["colour"], cm["size"], len(cm), sorted(cm))
cm["size"] = 5
print(over, base)
child = cm.new_child({"x": 0})
print(child["x"], child.parents["colour"], child.maps[0])
del cm["colour"]
print(cm["colour"])
try:
    del cm["size"]
    del cm["size"]
except KeyError as e:
    print("KeyError", e)
try:
    ChainMap({})["nope"]
except KeyError as e:
    print("KeyError", e)
print(ChainMap({"a": 1}, {"b": 2}))
