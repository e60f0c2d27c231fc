print("  [_pkg.inner/__init__ executing, __package__ =", __package__ + "]")
from .deep import deep_func
