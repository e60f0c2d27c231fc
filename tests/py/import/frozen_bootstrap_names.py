# importlib's bootstrap runs as CPython's frozen modules: its classes belong
# to _frozen_importlib and _frozen_importlib_external, its code is
# "<frozen importlib._bootstrap>", its specs are FrozenImporter's, and
# importlib publishes the same module objects as importlib._bootstrap*.
# Tracebacks through it show those frames without source lines.
import re
import sys
import traceback

import importlib
import importlib.machinery
import importlib.util
import _frozen_importlib
import _frozen_importlib_external

def addr(s):
    return re.sub(r"0x[0-9a-f]+", "0x...", s)

print(importlib._bootstrap is _frozen_importlib,
      importlib._bootstrap_external is _frozen_importlib_external)
print(_frozen_importlib.__name__, _frozen_importlib_external.__name__)
print(_frozen_importlib.__spec__)
print(_frozen_importlib_external.__spec__)
print(_frozen_importlib.__spec__.loader_state.origname,
      _frozen_importlib_external.__spec__.loader_state.origname)
print(_frozen_importlib._find_and_load.__code__.co_filename)
print(_frozen_importlib_external.SourceFileLoader.get_code.__code__.co_filename)
for cls in (importlib.machinery.ModuleSpec, importlib.machinery.BuiltinImporter,
            importlib.machinery.FrozenImporter, importlib.machinery.PathFinder,
            importlib.machinery.FileFinder, importlib.machinery.SourceFileLoader):
    print(cls, cls.__module__)
print([addr(repr(f)) for f in sys.meta_path if "Distutils" not in repr(f)])
print(addr(repr(sys.path_hooks)))
spec = importlib.util.find_spec("json")
print(addr(repr(spec.loader)), type(spec.loader).__qualname__)
print(addr(repr(importlib.util.find_spec("sys"))))
print(addr(repr(importlib.util.find_spec("zipimport"))))
print(sys.modules["__main__"].__loader__.__class__.__module__)

def show(f):
    try:
        f()
    except BaseException:
        text = traceback.format_exc()
        print(addr(text.replace(__file__, "SCRIPT")))

show(lambda: importlib.import_module("no_such_module_here"))
show(lambda: importlib.import_module("json.no_such_sub"))
show(lambda: importlib.import_module(".x", None))
def load_missing():
    s = importlib.util.spec_from_file_location("gone", "/nonexistent/gone.py")
    m = importlib.util.module_from_spec(s)
    s.loader.exec_module(m)
show(load_missing)
