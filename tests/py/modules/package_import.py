# Importing packages and submodules.
import sys
print("import _pkg")
import _pkg
print(_pkg.PKG_VALUE, _pkg.pkg_func())
print(hasattr(_pkg, "sub"))
print("import _pkg.sub")
import _pkg.sub
print(hasattr(_pkg, "sub"), _pkg.sub.VALUE)
print(_pkg.sub.func())
print(hasattr(_pkg, "sibling"))

import _pkg.sub as s
print(s is _pkg.sub, s.__name__, s.__package__)

from _pkg import sub as s2, sibling
print(s2 is s, sibling.SIB)

from _pkg.sub import func, VALUE
print(func(), VALUE)

print(_pkg.__name__, _pkg.__package__)
print(hasattr(_pkg, "__path__"), hasattr(_pkg.sub, "__path__"))
print(sorted(k for k in sys.modules if k.startswith("_pkg")))

def fresh_namespace():
    import _pkg.sub
    return sorted(k for k in locals())
print(fresh_namespace())

import _pkg.sub as alias_one, _pkg.sibling as alias_two
print(alias_one.VALUE, alias_two.SIB)
