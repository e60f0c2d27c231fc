# __import__'s fromlist for a package, as importlib's _handle_fromlist:
# any iterable, each item a str (else TypeError naming the list or the
# package's __all__), "*" standing for __all__ (its submodules imported),
# a missing submodule ignored, a broken one reported; a plain module
# ignores its fromlist.
import sys
from importlib.machinery import ModuleSpec

class Finder:
    modules = {"pkgf": True, "pkgf.one": False, "pkgf.two": False,
               "pkgf.broken": False, "plainf": False}
    def find_spec(self, name, path=None, target=None):
        if name in self.modules:
            return ModuleSpec(name, self, is_package=self.modules[name])
    def create_module(self, spec):
        return None
    def exec_module(self, m):
        if m.__name__ == "pkgf":
            m.__all__ = ["one"]
        if m.__name__ == "pkgf.broken":
            raise ValueError("broken on import")
        m.loaded = True

def fresh():
    for k in list(sys.modules):
        if k.startswith(("pkgf", "plainf")):
            del sys.modules[k]
    return __import__("pkgf")

sys.meta_path.insert(0, Finder())
try:
    for fl in (["*"], ("*",), iter(["*"]), ["two", "*"], ["two"], ["missing"],
               ["one", "missing", "two"], [], None):
        m = fresh()
        r = __import__("pkgf", fromlist=fl)
        print(repr(fl)[:14], r is m, hasattr(r, "one"), hasattr(r, "two"),
              sorted(k for k in sys.modules if k.startswith("pkgf")))
    for fl in ([b"one"], iter([b"one"]), ["one", 3], ["*", None]):
        fresh()
        try:
            __import__("pkgf", fromlist=fl)
        except TypeError as e:
            print("TypeError:", e)
    m = fresh()
    m.__all__ = ["one", b"two"]
    try:
        __import__("pkgf", fromlist=["*"])
    except TypeError as e:
        print("TypeError:", e)
    m.__all__ = ["*", "one"]
    print(hasattr(__import__("pkgf", fromlist=["*"]), "one"))
    fresh()
    try:
        __import__("pkgf", fromlist=["broken"])
    except ValueError as e:
        print("ValueError:", e)
    print(__import__("plainf", fromlist=[b"x", 3]).loaded)
finally:
    sys.meta_path.pop(0)
