# The import bootstrap under its frozen names is importlib's own module.
import sys
import _frozen_importlib
import _frozen_importlib_external
import importlib._bootstrap
import importlib._bootstrap_external
import importlib.machinery

print(_frozen_importlib is importlib._bootstrap)
print(_frozen_importlib_external is importlib._bootstrap_external)
print(sys.modules["_frozen_importlib"].__name__)
print(sys.modules["_frozen_importlib_external"].__name__)
print("_frozen_importlib" in sys.builtin_module_names)
print(_frozen_importlib.ModuleSpec is importlib.machinery.ModuleSpec)
print(_frozen_importlib_external.SourceFileLoader is importlib.machinery.SourceFileLoader)

import zipimport
print(zipimport._bootstrap_external is importlib._bootstrap_external)

try:
    import _frozen_importlib_missing
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
