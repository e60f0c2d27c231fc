# Class attributes vs instance attributes.
class Counter:
    total = 0
    items = []
    def __init__(self, name):
        self.name = name
        Counter.total += 1
    def add_shared(self, v):
        self.items.append(v)
    def shadow(self):
        self.total = -1

a = Counter("a")
b = Counter("b")
print(Counter.total, a.total, b.total)
a.add_shared(1)
b.add_shared(2)
print(Counter.items, a.items is b.items)
a.shadow()
print(a.total, b.total, Counter.total)
print(sorted(vars(a)), sorted(vars(b)))
del a.total
print(a.total)
try:
    del a.total
except AttributeError as e:
    print("AttributeError:", e)

Counter.total = 100
print(a.total, b.total)
a.items = ["own"]
print(a.items, b.items, Counter.items)

class Defaults:
    color = "red"
    size = 1
x = Defaults()
y = Defaults()
x.color = "blue"
print(x.color, y.color, Defaults.color)
Defaults.color = "green"
print(x.color, y.color)
Defaults.new_attr = "added later"
print(x.new_attr)
print("color" in x.__dict__, "size" in x.__dict__)

class Method:
    def m(self):
        return "class method"
obj = Method()
obj.m = lambda: "instance function"
print(obj.m(), Method().m())
del obj.m
print(obj.m())

def outside(self):
    return "attached " + type(self).__name__
Method.attached = outside
print(obj.attached())
print(Method.attached is outside)
print(type(obj.attached).__name__, obj.attached.__func__ is outside, obj.attached.__self__ is obj)

class Inherit(Method):
    pass
print(Inherit().attached())
Inherit.m = lambda self: "overridden in subclass"
print(Inherit().m(), Method().m())
del Inherit.m
print(Inherit().m())
try:
    del Inherit.m
except AttributeError as e:
    print("AttributeError:", e)

class Private:
    __secret = "mangled"
    def reveal(self):
        return self.__secret
p = Private()
print(p.reveal(), p._Private__secret)
try:
    p.__secret
except AttributeError as e:
    print("AttributeError:", e)
print(sorted(k for k in Private.__dict__ if "secret" in k))
