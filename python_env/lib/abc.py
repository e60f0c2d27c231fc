"""abc (ProtoPy pure-Python implementation)."""


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


class abstractproperty(property):
    __isabstractmethod__ = True


def abstractclassmethod(f):
    f.__isabstractmethod__ = True
    return classmethod(f)


def abstractstaticmethod(f):
    f.__isabstractmethod__ = True
    return staticmethod(f)


class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace)
        abstracts = {name for name, value in namespace.items()
                     if getattr(value, "__isabstractmethod__", False)}
        for base in bases:
            for name in getattr(base, "__abstractmethods__", set()):
                value = getattr(cls, name, None)
                if getattr(value, "__isabstractmethod__", False):
                    abstracts.add(name)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = set()
        return cls

    def register(cls, subclass):
        cls._abc_registry.add(subclass)
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if cls in getattr(subclass, '__mro__', ()):
            return True
        for r in cls._abc_registry:
            if issubclass(subclass, r):
                return True
        hook = cls.__dict__.get('__subclasshook__')
        if hook is not None:
            r = hook.__func__(cls, subclass) if hasattr(hook, '__func__') else hook(subclass)
            if r is not NotImplemented:
                return bool(r)
        for sub in type.__subclasses__(cls):
            if issubclass(subclass, sub):
                return True
        return False


class ABC(metaclass=ABCMeta):
    __slots__ = ()


def get_cache_token():
    return 0
