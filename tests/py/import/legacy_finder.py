# A PEP 302 finder on sys.meta_path (find_module and load_module, no
# find_spec) is still asked, as importlib's _find_spec_legacy asks it: an
# ImportWarning each time, then its loader wrapped in a spec; a None from
# find_module passes on to the next finder.
import sys
import types
import warnings

class Legacy:
    def find_module(self, name, path=None):
        if name in ("legmod", "legpkg", "legpkg.sub"):
            print("find_module", name, path)
            return self
        return None
    def load_module(self, name):
        m = types.ModuleType(name)
        m.__loader__ = self
        if name == "legpkg":
            m.__path__ = []
        sys.modules[name] = m
        m.val = name
        return m

class Named:
    __qualname__ = "CustomName"
    def find_module(self, name, path=None):
        return None

sys.meta_path.insert(0, Legacy())
sys.meta_path.insert(0, Named())
try:
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        import legmod
        import legpkg.sub
        print(legmod.val, legpkg.sub.val, legmod.__spec__.name, legmod.__spec__.loader is legmod.__loader__)
        for x in w:
            print(x.category.__name__, x.message)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ImportWarning)
        del sys.modules["legmod"]
        try:
            import legmod
        except ImportWarning as e:
            print("ImportWarning raised:", e)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            import not_there_legacy
        except ImportError as e:
            print(type(e).__name__, e)
        import json
        print(json.__name__)
finally:
    del sys.meta_path[:2]
