# Import order: parent packages initialise before submodules.
import sys
print("step 1: from _pkg.inner.deep import deep_func")
from _pkg.inner.deep import deep_func
print("step 2: loaded", sorted(k for k in sys.modules if k.startswith("_pkg")))
print("step 3: import _pkg again (cached)")
import _pkg
print("step 4:", _pkg.inner.deep.deep_func is deep_func)
print(_pkg.inner.__name__, _pkg.inner.__package__)
print(_pkg.inner.deep.__package__)
