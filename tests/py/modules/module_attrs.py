"""Module docstring of the test."""
# Module objects: attributes, __dict__, dynamic modification.
import sys
import _helper

print(__doc__)
print(_helper.__doc__)
mod = sys.modules[__name__]
print(mod.__name__, mod.__doc__[:6])
print(type(_helper).__name__)

_helper.dynamic = "added from outside"
print(_helper.dynamic, "dynamic" in vars(_helper))
del _helper.dynamic
print(hasattr(_helper, "dynamic"))
try:
    _helper.nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    del _helper.nope
except AttributeError as e:
    print("AttributeError:", e)

print(vars(_helper) is _helper.__dict__)
print(_helper.__dict__["CONSTANT"])
print(sorted(k for k in _helper.__dict__ if k in ("__name__", "__doc__", "__package__")))

ModuleType = type(sys)
m = ModuleType("made_by_hand", "a doc")
print(m.__name__, m.__doc__)
m.x = 5
print(m.x, sorted(k for k in vars(m) if not k.startswith("__")), m.__dict__["__name__"])
m2 = ModuleType("nodoc")
print(m2.__doc__)
try:
    ModuleType()
except TypeError as e:
    print("TypeError:", e)

exec("def f():\n    return y * 2\ny = 21", m.__dict__)
print(m.f())
sys.modules["made_by_hand"] = m
import made_by_hand
print(made_by_hand is m, made_by_hand.y)

counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
print(mod.counter)
mod.counter = 100
print(counter)

def mod_getattr(name):
    return "lazy " + name
m.__getattr__ = mod_getattr
print(m.anything, made_by_hand.other)
