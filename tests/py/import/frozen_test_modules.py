# CPython's frozen test modules as _imp and FrozenImporter see them, with
# the frozen modules on and off (_override_frozen_modules_for_tests):
# __hello_only__ exists only frozen, without an original name or a file.
import _imp
import importlib.machinery
import sys

names = ["__hello__", "__hello_alias__", "__phello_alias__", "__phello__.spam",
         "__hello_only__", "__not_frozen__"]
for n in names:
    print(n, _imp.is_frozen(n), _imp.find_frozen(n))
print(_imp._frozen_module_names()[-3:])
spec = importlib.machinery.FrozenImporter.find_spec("__hello_only__")
print(spec, vars(spec.loader_state))
import __hello_only__
print(__hello_only__.initialized, __hello_only__, hasattr(__hello_only__, "__file__"))
print(_imp.get_frozen_object("__hello_only__").co_filename)
_imp._override_frozen_modules_for_tests(-1)
try:
    print(_imp.is_frozen("__hello_only__"), importlib.machinery.FrozenImporter.find_spec("__hello_only__"))
    del sys.modules["__hello_only__"]
    try:
        import __hello_only__
    except ImportError as e:
        print(type(e).__name__, e)
finally:
    _imp._override_frozen_modules_for_tests(0)
