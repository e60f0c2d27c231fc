# __prepare__ customises the class namespace.
class RecordingDict(dict):
    def __init__(self):
        super().__init__()
        self.order = []
    def __setitem__(self, key, value):
        if not key.startswith("__"):
            self.order.append(key)
        super().__setitem__(key, value)

class OrderMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return RecordingDict()
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.field_order = ns.order
        print("namespace type", type(ns).__name__)
        return cls

class Rec(metaclass=OrderMeta, tag="t"):
    zeta = 1
    alpha = 2
    def method(self):
        pass
    zeta = 3
print(Rec.field_order)
print(Rec.zeta)

class NoDup(dict):
    def __setitem__(self, k, v):
        if k in self and not k.startswith("__"):
            raise TypeError(f"duplicate definition of {k}")
        super().__setitem__(k, v)
class StrictMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return NoDup()
try:
    class Strict(metaclass=StrictMeta):
        a = 1
        a = 2
except TypeError as e:
    print("TypeError:", e)

class Injecting(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return {"injected": "visible in body", "helper": lambda: "helped"}
class UsesInjected(metaclass=Injecting):
    seen = injected
    result = helper()
print(UsesInjected.seen, UsesInjected.result)

class AutoNumber(dict):
    def __init__(self):
        super().__init__()
        self.n = 0
    def __missing__(self, key):
        if key.startswith("__"):
            raise KeyError(key)
        self.n += 1
        self[key] = self.n
        return self.n
class EnumMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return AutoNumber()
    def __new__(mcls, name, bases, ns):
        return super().__new__(mcls, name, bases, dict(ns))
class Color(metaclass=EnumMeta):
    RED
    GREEN
    BLUE
print(Color.RED, Color.GREEN, Color.BLUE)

print(type.__prepare__("X", ()))
print(type(type.__prepare__()).__name__)

class BadPrepare(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 42
try:
    class Fails(metaclass=BadPrepare):
        pass
except TypeError as e:
    print("TypeError:", e)
