# __builtins__ handling in globals dicts.
g = {}
exec("pass", g)
print("__builtins__" in g)
b = g["__builtins__"]
print(type(b).__name__ in ("module", "dict"))

restricted = {"__builtins__": {}}
try:
    exec("print('hi')", restricted)
except NameError as e:
    print("NameError:", e)

custom = {"__builtins__": {"len": lambda x: -1}}
exec("r = len([1, 2, 3])", custom)
print(custom["r"])

shadow = {"len": lambda x: "global len"}
exec("r = len('abc')", shadow)
print(shadow["r"])

def show_order():
    ns = {"__builtins__": {"name": "from builtins"}, "name": "from globals"}
    exec("r1 = name", ns)
    del ns["name"]
    exec("r2 = name", ns)
    return ns["r1"], ns["r2"]
print(show_order())

import sys
builtins = sys.modules["builtins"]
print(builtins.len("xyz"))
builtins.injected_helper = lambda: "globally visible"
print(injected_helper())
del builtins.injected_helper
try:
    injected_helper()
except NameError as e:
    print("NameError:", e)

orig_abs = builtins.abs
builtins.abs = lambda v: "patched"
print(abs(-1))
builtins.abs = orig_abs
print(abs(-1))

def uses_len():
    return len("four")
len = lambda s: "module-level shadow"
print(uses_len())
del len
print(uses_len())

ns = {"__builtins__": builtins}
exec("r = max(3, 9)", ns)
print(ns["r"])
ns = {"__builtins__": vars(builtins)}
exec("r = min(3, 9)", ns)
print(ns["r"])
print(eval("True", {"__builtins__": {}}), eval("None", {"__builtins__": {}}))
try:
    eval("int", {"__builtins__": {}})
except NameError as e:
    print("NameError:", e)
