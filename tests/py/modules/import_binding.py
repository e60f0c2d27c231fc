# Names bound by different import forms.
import sys

def names_after(stmt):
    ns = {}
    exec(stmt, ns)
    return sorted(k for k in ns if k != "__builtins__")

print(names_after("import _pkg"))
print(names_after("import _pkg.sub"))
print(names_after("import _pkg.sub as s"))
print(names_after("from _pkg import sub"))
print(names_after("from _pkg.sub import func, VALUE as v"))
print(names_after("from _pkg import sub, sibling as sib"))
print(names_after("import _pkg.inner.deep"))
print(names_after("import _pkg.inner.deep as d"))
print(names_after("import _helper, _counter as c"))

ns = {}
exec("import _pkg.inner.deep as d", ns)
print(ns["d"].__name__, ns["d"] is sys.modules["_pkg.inner.deep"])
ns = {}
exec("import _pkg.inner.deep", ns)
print(ns["_pkg"].__name__, ns["_pkg"].inner.deep.__name__)

import _pkg.sub
import _pkg.sub as again
from _pkg import sub as via_from
print(again is _pkg.sub, via_from is again, again is sys.modules["_pkg.sub"])
