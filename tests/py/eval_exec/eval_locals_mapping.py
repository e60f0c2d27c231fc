# Arbitrary mappings as locals for eval/exec.
class Tracing(dict):
    def __getitem__(self, key):
        print("  lookup", key)
        return super().__getitem__(key)
    def __setitem__(self, key, value):
        print("  store", key, "=", value)
        super().__setitem__(key, value)

loc = Tracing(a=1, b=2)
print(eval("a + b", {}, loc))
exec("c = a * 10", {}, loc)
print(sorted(loc.items()))

class Default(dict):
    def __missing__(self, key):
        return key.upper()
print(eval("hello + ' ' + world", {}, Default()))

class NotDict:
    def __init__(self):
        self.data = {"v": 5}
    def __getitem__(self, k):
        return self.data[k]
    def __setitem__(self, k, v):
        self.data[k] = v
    def keys(self):
        return self.data.keys()
nd = NotDict()
print(eval("v * 2", {}, nd))
exec("w = v + 1", {}, nd)
print(sorted(nd.data.items()))

try:
    eval("missing_name", {}, NotDict())
except NameError as e:
    print("NameError:", e)
except KeyError as e:
    print("KeyError:", e)

try:
    eval("1", {}, 5)
except TypeError as e:
    print("TypeError:", e)
try:
    eval("1", Default())
    print("dict subclass accepted as globals")
except TypeError as e:
    print("TypeError:", e)
try:
    eval("1", NotDict())
except TypeError as e:
    print("TypeError:", e)

def scoped():
    x = 1
    y = 2
    snapshot = locals()
    return eval("x + y", globals(), snapshot), sorted(snapshot)
print(scoped())

g = {"shared": "global value"}
print(eval("shared", g, {}))
print(eval("shared", g, {"shared": "local value"}))
