# A package's __path__ is read as an attribute: a class attribute of a module
# subclass, or a module __getattr__, makes a module a package, as a lazy
# loader on sys.meta_path (six.moves style) relies on.
import sys
import types
from importlib.machinery import ModuleSpec


class LazyPackage(types.ModuleType):
    __path__ = []


class Finder:
    """Serves 'lazy' (a package by class attribute) and 'lazy.leaf'."""

    def find_spec(self, name, path, target=None):
        if name == "lazy":
            return ModuleSpec(name, self, is_package=False)
        if name == "lazy.leaf":
            print("find_spec", name, "path =", path)
            return ModuleSpec(name, self)
        return None

    def create_module(self, spec):
        if spec.name == "lazy":
            return LazyPackage(spec.name)
        return None

    def exec_module(self, module):
        module.value = module.__name__.upper()


sys.meta_path.insert(0, Finder())
import lazy.leaf

print(lazy.leaf.value, "__path__" in vars(lazy), lazy.__path__)

# A module __getattr__ answering __path__ counts as well.
dyn = types.ModuleType("dyn")


def dyn_getattr(name):
    if name == "__path__":
        return []
    raise AttributeError(name)


dyn.__getattr__ = dyn_getattr
sys.modules["dyn"] = dyn


class DynFinder:
    def find_spec(self, name, path, target=None):
        if name == "dyn.part":
            return ModuleSpec(name, Finder())
        return None


sys.meta_path.insert(0, DynFinder())
import dyn.part

print(dyn.part.value)

# A plain module without __path__ is still no package.
plain = types.ModuleType("plain")
sys.modules["plain"] = plain
try:
    import plain.sub
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)

# A __getattr__ raising something else than AttributeError propagates.
bad = types.ModuleType("bad")


def bad_getattr(name):
    raise KeyError(name)


bad.__getattr__ = bad_getattr
sys.modules["bad"] = bad
try:
    import bad.sub
except KeyError as e:
    print("KeyError", e)
