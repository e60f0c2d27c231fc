# __init_subclass__ hooks and keyword arguments to class definitions.
class Plugin:
    registry = []
    def __init_subclass__(cls, name=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.plugin_name = name or cls.__name__.lower()
        Plugin.registry.append(cls.plugin_name)
        print("registered", cls.plugin_name, "base", cls.__bases__[0].__name__)

class Alpha(Plugin):
    pass
class Beta(Plugin, name="b"):
    pass
class Gamma(Beta):
    pass
print(Plugin.registry)
print(Alpha.plugin_name, Beta.plugin_name, Gamma.plugin_name)
print(hasattr(Plugin, "plugin_name"))

try:
    class Bad(Plugin, unknown=1):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    class NoHook(unexpected=True):
        pass
except TypeError as e:
    print("TypeError:", e)

class Required:
    def __init_subclass__(cls, **kw):
        if "run" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} must define run")
class Good(Required):
    def run(self):
        return "running"
print(Good().run())
try:
    class Missing(Required):
        pass
except TypeError as e:
    print("TypeError:", e)

class Implicit:
    def __init_subclass__(cls):
        cls.flag = "set for " + cls.__name__
print(type(Implicit.__dict__["__init_subclass__"]).__name__)
class ImplicitChild(Implicit):
    pass
print(ImplicitChild.flag)
print(hasattr(Implicit, "flag"))

class A:
    def __init_subclass__(cls, **kw):
        print("A hook for", cls.__name__, sorted(kw))
        super().__init_subclass__()
class B:
    def __init_subclass__(cls, **kw):
        print("B hook for", cls.__name__)
        super().__init_subclass__(**kw)
class AB(A, B, extra=1):
    pass
class BA(B, A, extra=2):
    pass

class Counter:
    subclasses = 0
    def __init_subclass__(cls, **kw):
        Counter.subclasses += 1
for i in range(3):
    type(f"Dyn{i}", (Counter,), {})
print(Counter.subclasses)
