# Methods cannot see class-level names directly; __class__ cell.
class Config:
    default = "class default"
    items = ["a", "b"]

    def get_default(self):
        try:
            return default
        except NameError as e:
            return "NameError: " + str(e)

    def via_self(self):
        return self.default

    def via_class(self):
        return Config.default

    def via_dunder_class(self):
        return __class__.default

    def which_class(self):
        return __class__.__name__

    @classmethod
    def via_cls(cls):
        return cls.default

    @staticmethod
    def static_view():
        return Config.items

c = Config()
print(c.get_default())
print(c.via_self(), c.via_class(), c.via_dunder_class(), c.via_cls())
print(c.static_view())

class Sub(Config):
    default = "sub default"
s = Sub()
print(s.via_self(), s.via_class(), s.via_dunder_class(), s.which_class(), s.via_cls())

default = "global default"
print(c.get_default())

class Outer:
    x = "outer class x"
    class Inner:
        try:
            y = x
        except NameError as e:
            y = "NameError: " + str(e)
print(Outer.Inner.y)

def factory():
    captured = "function local"
    class Made:
        attr = captured
        def method(self):
            return captured
    return Made
M = factory()
print(M.attr, M().method())

class Counter:
    count = 0
    def bump(self):
        Counter.count += 1
        self.count += 100
        return Counter.count, self.count
cnt = Counter()
print(cnt.bump(), cnt.bump(), Counter.count)


class DefaultArgs:
    base = 10
    def add(self, v, base=base):
        return v + base
print(DefaultArgs().add(1))
DefaultArgs.base = 1000
print(DefaultArgs().add(1))

class Decorated:
    def helper(fn):
        def wrapped(self):
            return "decorated " + fn(self)
        return wrapped
    @helper
    def action(self):
        return "action"
    del helper
print(Decorated().action(), hasattr(Decorated, "helper"))
