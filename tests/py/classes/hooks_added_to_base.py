# __getattribute__ / __getattr__ / __setattr__ added to a base class after
# its subclasses exist reach the subclasses' instances; a metaclass data
# descriptor without __get__ leaves the class attribute visible.


class Root:
    pass


class Mid(Root):
    pass


class Leaf(Mid):
    pass


obj = Leaf()
obj.color = "red"
print(obj.color)


def loud_getattribute(self, name):
    if name == "color":
        return "LOUD"
    return object.__getattribute__(self, name)


Root.__getattribute__ = loud_getattribute
print(obj.color)
del Root.__getattribute__
print(obj.color)

Mid.__getattr__ = lambda self, name: "fallback:" + name
print(obj.shape, obj.color)

log = []


def logging_setattr(self, name, value):
    log.append(name)
    object.__setattr__(self, name, value)


Root.__setattr__ = logging_setattr
obj.size = 3
print(log, obj.size)


class SetOnly:
    def __set__(self, inst, value):
        inst.__dict__["seen"] = value


class Meta(type):
    pass


class WithMeta(metaclass=Meta):
    pass


WithMeta.seen = 10
Meta.seen = SetOnly()
print(WithMeta.seen)


class Plain:
    seen = SetOnly()


p = Plain()
print(type(p.seen).__name__)
p.seen = 5
print(p.seen)
