# __getattr__, __getattribute__, __setattr__, __delattr__.
class Dyn:
    cls_attr = "class"
    def __init__(self):
        self.real = "real"
    def __getattr__(self, name):
        print("  __getattr__", name)
        if name.startswith("x_"):
            return name[2:].upper()
        raise AttributeError(f"no {name}")

d = Dyn()
print(d.real, d.cls_attr)
print(d.x_hello)
try:
    d.nothing
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(d, "missing", "default"))
print(hasattr(d, "x_y"), hasattr(d, "zz"))

class Spy:
    def __init__(self):
        self.log = []
        self.a = 1
    def __getattribute__(self, name):
        if name != "log":
            object.__getattribute__(self, "log").append(name)
        return object.__getattribute__(self, name)
    def method(self):
        return self.a
s = Spy()
s.a; s.method(); s.__class__
print(s.log)
try:
    s.undefined
except AttributeError as e:
    print("AttributeError:", e)
print(s.log[-1])

class Both:
    def __getattribute__(self, name):
        if name == "boom":
            raise AttributeError("from getattribute")
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "getattr fallback for " + name
print(Both().boom, Both().other)

class Guard:
    def __setattr__(self, name, value):
        print("  __setattr__", name, value)
        if name.startswith("_"):
            raise AttributeError("private: " + name)
        object.__setattr__(self, name, value * 2)
    def __delattr__(self, name):
        print("  __delattr__", name)
        if name == "keep":
            raise AttributeError("cannot delete keep")
        object.__delattr__(self, name)
g = Guard()
g.v = 5
print(g.v)
try:
    g._secret = 1
except AttributeError as e:
    print("AttributeError:", e)
setattr(g, "keep", "k")
print(g.keep)
del g.v
try:
    del g.keep
except AttributeError as e:
    print("AttributeError:", e)
try:
    del g.missing
except AttributeError as e:
    print("AttributeError:", e)
print(sorted(vars(g)))

class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_t", target)
    def __getattr__(self, n):
        return getattr(self._t, n)
    def __setattr__(self, n, v):
        setattr(self._t, n, v)
class Target:
    pass
t = Target()
pr = Proxy(t)
pr.color = "blue"
print(t.color, pr.color, "color" in vars(pr))
print(pr.__class__.__name__)

class Plain:
    pass
try:
    Plain().nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    del Plain().nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    getattr(Plain(), 5)
except TypeError as e:
    print("TypeError:", e)
try:
    object().x = 1
except AttributeError as e:
    print("AttributeError:", e)
