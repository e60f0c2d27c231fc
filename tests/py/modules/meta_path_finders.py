# Finders of the program's own in sys.meta_path take part in the import
# statement: one in front makes modules from strings, one at the end is the
# fallback for names nothing else finds; importlib's own finders keep finding
# files and builtin modules between them.
import importlib.abc
import importlib.util
import sys

SOURCES = {
    "virtual_mod": "X = 40 + 2\ndef hello():\n    return 'hello from ' + __name__\n",
    "virtual_pkg": "__path__ = []\nNAME = 'pkg'\n",
    "virtual_pkg.sub": "from . import NAME as _n\nY = _n + '.sub'\n",
}
log = []


class StringLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        exec(SOURCES[module.__name__], module.__dict__)


class Front(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name in SOURCES:
            log.append(("front", name, path is None))
            is_pkg = name == "virtual_pkg"
            return importlib.util.spec_from_loader(name, StringLoader(), is_package=is_pkg)
        return None


class Fallback(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.startswith("fallback_"):
            log.append(("fallback", name))
            return importlib.util.spec_from_loader(name, FallbackLoader())
        return None


class FallbackLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.Z = "found last"
sys.meta_path.insert(0, Front())
sys.meta_path.append(Fallback())

import virtual_mod
print(virtual_mod.X, virtual_mod.hello(), type(virtual_mod.__loader__).__name__)
import virtual_pkg.sub
print(virtual_pkg.sub.Y, virtual_pkg.NAME)
from virtual_pkg import sub
print(sub is sys.modules["virtual_pkg.sub"])
import fallback_mod
print(fallback_mod.Z)
import colorsys  # a file of the standard library, found by the path finder
print(colorsys.rgb_to_hsv(1.0, 0.0, 0.0))
import virtual_mod as again  # already imported: no finder asked
print(again is virtual_mod)
print(log)

try:
    import no_such_module_anywhere
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e, e.name)


class Broken(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "boom":
            raise RuntimeError("finder failed for " + name)
        return None


sys.meta_path.insert(0, Broken())
try:
    import boom
except RuntimeError as e:
    print("RuntimeError", e)


class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "wave":
            raise ImportError("wave is blocked", name=name)
        return None


sys.meta_path.insert(0, Blocker())
try:
    import wave
except ImportError as e:
    print("ImportError", e, "wave" in sys.modules)
