# Private name mangling rules.
class Account:
    __count = 0
    def __init__(self, owner):
        self.__owner = owner
        Account.__count += 1
        self.__dunder__ = "not mangled"
        self._single = "not mangled either"
    def owner(self):
        return self.__owner
    @classmethod
    def count(cls):
        return cls.__count
    def __private_method(self):
        return "private method"
    def call_private(self):
        return self.__private_method()

a = Account("ann")
print(a.owner(), Account.count(), a.call_private())
print(sorted(vars(a)))
print(sorted(k for k in vars(Account) if "count" in k or "private" in k))
print(a._Account__owner, a._Account__private_method())
try:
    a.__owner
except AttributeError as e:
    print("AttributeError:", e)

class Savings(Account):
    def __init__(self, owner):
        super().__init__(owner)
        self.__owner = "shadow in subclass"
    def both(self):
        return self.__owner, self._Account__owner
s = Savings("bob")
print(s.both())
print(sorted(k for k in vars(s) if "owner" in k))

class _Leading:
    def __m(self):
        return "mangled with stripped underscores"
    def call(self):
        return self.__m()
print(_Leading().call(), hasattr(_Leading, "_Leading__m"))

class __AllUnderscore__:
    pass
class ___:
    def __m(self):
        return "class named only underscores"
    def call(self):
        return self.__m()
print(___().call(), [k for k in vars(___) if "m" in k and not k.startswith("__")])

class Getattr:
    def __init__(self):
        self.__x = 1
    def via_getattr(self):
        return getattr(self, "__x", "getattr strings are not mangled")
    def via_mangled_string(self):
        return getattr(self, "_Getattr__x")
g = Getattr()
print(g.via_getattr(), g.via_mangled_string())

class InComprehension:
    __secret = [1, 2]
    def values(self):
        return [v * 2 for v in self.__secret]
print(InComprehension().values())

class Nested:
    class Inner:
        def __init__(self):
            self.__v = "inner"
    def make(self):
        i = self.Inner()
        return sorted(vars(i))
print(Nested().make())

class LocalName:
    def method(self):
        __local = "local variable is mangled too"
        return __local
print(LocalName().method())

def outside(obj):
    return obj._Account__owner
print(outside(a))
