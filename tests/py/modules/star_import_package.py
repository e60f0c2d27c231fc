# Star import from a package whose __all__ names a submodule loads it.
import sys
from _pkg2 import *
print(top_value)
print(mod1.M1)
print("_pkg2.mod1" in sys.modules, "_pkg2.mod2" in sys.modules)
try:
    mod2
except NameError as e:
    print("NameError:", e)
from _pkg2 import mod2
print(mod2.M2)
import _pkg2
print(sorted(n for n in vars(_pkg2) if not n.startswith("__")))
from _pkg2 import mod1 as again
print(again is mod1)
