# ImportError and ModuleNotFoundError messages.
def clean(msg):
    # drop the trailing file path CPython appends
    i = msg.find(" (/")
    return msg if i < 0 else msg[:i]

try:
    import no_such_module_abc
except ModuleNotFoundError as e:
    print(type(e).__name__, "|", e, "|", e.name)

try:
    import _pkg.no_such_sub
except ModuleNotFoundError as e:
    print(type(e).__name__, "|", e, "|", e.name)

try:
    import _helper.sub
except ModuleNotFoundError as e:
    print(type(e).__name__, "|", e)

try:
    from _helper import does_not_exist
except ImportError as e:
    print(type(e).__name__, "|", clean(str(e)), "|", e.name)

try:
    from _pkg import missing_thing
except ImportError as e:
    print(type(e).__name__, "|", clean(str(e)))

try:
    from no_such_pkg.sub import x
except ModuleNotFoundError as e:
    print(type(e).__name__, "|", e)

print(issubclass(ModuleNotFoundError, ImportError))

try:
    __import__("")
except ValueError as e:
    print("ValueError:", e)
try:
    __import__(5)
except TypeError as e:
    print("TypeError:", e)

import sys
print("no_such_module_abc" in sys.modules)

try:
    import _broken
except ValueError as e:
    print("ValueError during import:", e)
print("_broken" in sys.modules)
try:
    import _broken
except ValueError as e:
    print("second import runs the module again:", e)

e = ImportError("custom", name="modname", path="p")
print(e, e.name, e.path, e.msg)
