import sys as _sys_alias
import itertools
alpha = 1
beta = 2
_hidden = 3
__dunder_like__ = 4
def func():
    return "func"
