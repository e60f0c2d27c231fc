# A module's __getattr__ (PEP 562): its own AttributeError reaches `m.name`
# unchanged, while getattr with a default, hasattr and `from m import name`
# read it as a missing attribute; other exceptions pass through.
import sys
import types

m = types.ModuleType("lazymod")
def module_getattr(name):
    if name == "lazy":
        return 42
    if name == "broken":
        raise KeyError(name)
    raise AttributeError(f"module lazymod has no attribute {name!r} (custom)")
m.__getattr__ = module_getattr
sys.modules["lazymod"] = m

print(m.lazy, getattr(m, "nope", "default"), hasattr(m, "nope"))
try:
    m.nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    m.broken
except KeyError as e:
    print("KeyError:", e)
try:
    from lazymod import nope
except ImportError as e:
    print("ImportError:", e)
from lazymod import lazy
print(lazy)
