print("  [_pkg.inner.deep executing]")
from .. import sub
from ..sub import func as sub_func
from ..sibling import SIB
from .. import PKG_VALUE
from . import __name__ as inner_name

def deep_func():
    return [sub.VALUE, sub_func(), SIB, PKG_VALUE, inner_name, __name__, __package__]
