# Metaclasses with __new__, __init__ and __call__.
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print(f"Meta.__new__ {name} bases={[b.__name__ for b in bases]} kw={kw}")
        ns["added_by_meta"] = name.upper()
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        print(f"Meta.__init__ {name}")
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kwargs):
        print(f"Meta.__call__ {cls.__name__} {args}")
        inst = super().__call__(*args, **kwargs)
        inst.made_by_meta = True
        return inst

class Base(metaclass=Meta):
    def __init__(self, v=0):
        print("Base.__init__", v)
        self.v = v

class Child(Base, flag=True):
    pass

print(Base.added_by_meta, Child.added_by_meta)
print(type(Base).__name__, type(Child).__name__)
c = Child(5)
print(c.v, c.made_by_meta)
print(isinstance(Child, Meta), isinstance(c, Meta))
print(type(Meta).__name__, Meta.__mro__)

class Singleton(type):
    _inst = {}
    def __call__(cls, *a):
        if cls not in cls._inst:
            cls._inst[cls] = super().__call__(*a)
        return cls._inst[cls]
class Config(metaclass=Singleton):
    def __init__(self, n):
        self.n = n
a = Config(1)
b = Config(2)
print(a is b, a.n, b.n)

class Upper(type):
    def __new__(mcls, name, bases, ns):
        new_ns = {k if k.startswith("__") else k.upper(): v for k, v in ns.items()}
        return super().__new__(mcls, name, bases, new_ns)
class Shout(metaclass=Upper):
    hello = "hi"
    def speak(self):
        return "spoken"
print(Shout.HELLO, Shout().SPEAK(), hasattr(Shout, "hello"))

class M1(type): pass
class M2(type): pass
class A1(metaclass=M1): pass
class A2(metaclass=M2): pass
try:
    class Clash(A1, A2):
        pass
except TypeError as e:
    print("TypeError:", e)

class M3(M1): pass
class A3(metaclass=M3): pass
class Derived(A1, A3):
    pass
print(type(Derived).__name__)

def func_meta(name, bases, ns):
    print("function metaclass for", name)
    return {"name": name, "keys": sorted(k for k in ns if not k.startswith("__"))}
class NotAClass(metaclass=func_meta):
    x = 1
    y = 2
print(NotAClass)

class MetaAttr(type):
    meta_only = "from metaclass"
    def meta_method(cls):
        return "meta_method on " + cls.__name__
class WithMeta(metaclass=MetaAttr):
    pass
print(WithMeta.meta_only, WithMeta.meta_method())
try:
    WithMeta().meta_only
except AttributeError as e:
    print("AttributeError:", e)
