# __class__ is set by type.__new__ from __classcell__, and
# __build_class__ checks that the metaclass passed it on.


class Meta(type):
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, ns)
        print("inside __new__:", cls.f() is cls)
        return cls


class A(metaclass=Meta):
    @staticmethod
    def f():
        return __class__


class Dropping(type):
    def __new__(mcls, name, bases, ns):
        ns.pop("__classcell__", None)
        return super().__new__(mcls, name, bases, ns)


try:
    class B(metaclass=Dropping):
        def f(self):
            return __class__
except RuntimeError as e:
    print("RuntimeError", e)


class Other(type):
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, ns)
        type("Elsewhere", (), dict(ns))
        return cls


try:
    class E(metaclass=Other):
        def f(self):
            return __class__
except TypeError as e:
    print("TypeError", str(e).split(" defining")[0].split(".")[-1])


class Delayed(type):
    saved = None

    def __new__(mcls, name, bases, ns):
        Delayed.saved = ns
        return None


class F(metaclass=Delayed):
    @staticmethod
    def f():
        return __class__


print(F)
G = type("G", (), Delayed.saved)
print(G.f() is G)
