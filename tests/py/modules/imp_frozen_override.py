# _imp's frozen-module test hooks on an interpreter without frozen modules.
import _imp
print(_imp._override_frozen_modules_for_tests(1))
print(_imp._override_frozen_modules_for_tests(0))
print(_imp._override_frozen_modules_for_tests(-1))
print(type(_imp._frozen_module_names()).__name__)
for args in [("x",), (1.5,), ()]:
    try:
        _imp._override_frozen_modules_for_tests(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    _imp._frozen_module_names(1)
except TypeError as e:
    print("TypeError", e)
from test.support import import_helper
with import_helper.frozen_modules(False):
    import json
print(json.__name__)
