# from module import * without __all__ imports public names, including imported modules.
before = set(globals())
from _star_noall import *
added = sorted(set(globals()) - before - {"before"})
print(added)
print(alpha, beta, func())
print(itertools.__name__)
for name in ["_hidden", "_sys_alias", "__dunder_like__"]:
    try:
        eval(name)
        print(name, "imported")
    except NameError as e:
        print("NameError:", e)

alpha = "rebound locally"
import _star_noall
print(_star_noall.alpha)

from _pkg import *
print(sorted(n for n in ("PKG_VALUE", "pkg_func", "sub", "sibling") if n in globals()))
