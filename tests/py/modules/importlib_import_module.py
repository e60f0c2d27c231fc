# importlib finds modules that are not imported yet: import_module and
# util.find_spec go through sys.meta_path, which holds CPython's importers
# once importlib is imported; a module it loads from a file is a normal
# module (spec, loader, file), and errors are CPython's.
import os
import sys
import tempfile

import importlib
import importlib.machinery
import importlib.util

print("importers:", all(f in sys.meta_path for f in (
    importlib.machinery.BuiltinImporter,
    importlib.machinery.FrozenImporter,
    importlib.machinery.PathFinder)))
print("path hook:", len(sys.path_hooks) >= 1, type(sys.path_importer_cache).__name__)

with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "fresh_mod_a.py"), "w") as f:
        f.write("VALUE = 6 * 7\n")
    os.mkdir(os.path.join(d, "fresh_pkg"))
    with open(os.path.join(d, "fresh_pkg", "__init__.py"), "w") as f:
        f.write("NAME = 'pkg'\n")
    with open(os.path.join(d, "fresh_pkg", "sub.py"), "w") as f:
        f.write("from . import NAME\nFULL = NAME + '.sub'\n")
    sys.path.insert(0, d)
    try:
        m = importlib.import_module("fresh_mod_a")
        print(m.VALUE, m.__name__, m.__spec__.name, os.path.basename(m.__file__))
        print(type(m.__loader__).__name__, m is sys.modules["fresh_mod_a"])
        s = importlib.import_module("fresh_pkg.sub")
        print(s.FULL, s.__package__, "fresh_pkg" in sys.modules)
        r = importlib.import_module(".sub", "fresh_pkg")
        print(r is s)
        spec = importlib.util.find_spec("fresh_mod_a")
        print(spec.name, os.path.basename(spec.origin), spec.submodule_search_locations)
        with open(os.path.join(d, "fresh_mod_a.py"), "w") as f:
            f.write("VALUE = 'reloaded'\n")
        print(importlib.reload(m).VALUE)
    finally:
        sys.path.remove(d)

print(importlib.util.find_spec("math").origin, importlib.util.find_spec("no_such_module_xyz"))
try:
    importlib.import_module("no_such_module_xyz")
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)
try:
    importlib.import_module(".x")
except TypeError as e:
    print("TypeError:", e)
