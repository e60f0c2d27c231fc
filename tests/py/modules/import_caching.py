# Modules execute once; sys.modules caches them.
import sys
print("_counter" in sys.modules)
import _counter
print("_counter" in sys.modules)
import _counter
import _counter as again
from _counter import loads
print(again is _counter, loads)

_counter.loads += 1
import _counter
print(_counter.loads)

del sys.modules["_counter"]
import _counter as fresh
print(fresh is again, fresh.loads, again.loads)

sys.modules["fake_module"] = "not even a module"
import fake_module
print(fake_module)

class Stub:
    answer = 42
sys.modules["stub_mod"] = Stub()
from stub_mod import answer
print(answer)

sys.modules["blocked"] = None
try:
    import blocked
except ImportError as e:
    print(type(e).__name__, e)

def import_twice():
    import _counter
    import _counter
    return _counter.loads
print(import_twice())
print(sys.modules["__main__"].__name__)
print(sys.modules[__name__] is sys.modules["__main__"])
