# Relative imports inside packages, including "..".
print("import _pkg.inner")
import _pkg.inner
for item in _pkg.inner.deep_func():
    print(item)
from _pkg.inner import deep
print(deep.__name__, deep.__package__)
print(deep.sub is __import__("_pkg.sub").sub)
print(deep.inner_name)

try:
    from . import something
except ImportError as e:
    print(type(e).__name__, e)

try:
    exec("from .. import x", {"__name__": "top", "__package__": ""})
except ImportError as e:
    print(type(e).__name__, e)

try:
    exec("from ... import x", {"__name__": "_pkg.sub", "__package__": "_pkg"})
except ImportError as e:
    print(type(e).__name__, e)

ns = {"__name__": "_pkg.virtual", "__package__": "_pkg"}
exec("from . import sibling\nfrom .sub import VALUE\nresult = (sibling.SIB, VALUE)", ns)
print(ns["result"])
print(__package__)
