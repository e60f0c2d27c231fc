# Module-level __getattr__ and __dir__ (PEP 562).
import _lazy
print(_lazy.real)
print(_lazy.auto_hello)
print(_lazy.auto_x)
print(sorted(_lazy._computed))
try:
    _lazy.missing
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(_lazy, "auto_via_getattr"))
print(getattr(_lazy, "nothing", "default used"))
print(hasattr(_lazy, "auto_q"), hasattr(_lazy, "q"))
print(dir(_lazy))
from _lazy import auto_imported
print(auto_imported)
try:
    from _lazy import not_there
except ImportError as e:
    msg = str(e)
    print("ImportError:", msg[:msg.find(" (")] if " (" in msg else msg)
print("real" in vars(_lazy), "auto_hello" in vars(_lazy))
