# Shadowing builtins at module, function, and class level.
def use_list():
    return list("ab")

print(use_list())
list = lambda s: "shadowed list"
print(use_list())
del list
print(use_list())

def local_shadow():
    sum = 100
    return sum
print(local_shadow(), sum([1, 2]))

class Shadow:
    len = staticmethod(lambda s: "class len")
    direct = len("abc")
    def method(self):
        return len("abcd")
print(Shadow.direct, Shadow().method(), Shadow.len("x"))

def param_shadow(str):
    return str * 2
print(param_shadow(3), str(3))

def unbound_builtin():
    try:
        r = max(1, 2)
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)
    max = "later"
    return r
print(unbound_builtin())

import sys
b = sys.modules["builtins"]
print(b.max(3, 4), b.True_ if hasattr(b, "True_") else "no True_")
print(type(b.print).__name__)

True_value = True
def shadow_none():
    None_ = None
    return None_ is None
print(shadow_none())

try:
    exec("None = 1")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    exec("True = 0")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    exec("def f(__debug__): pass")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
print(__debug__)

id = "not the builtin"
print(id)
del id
print(callable(id))

for print_ in [print]:
    print_("loop var named print_")

def nested_shadow():
    def inner():
        return abs(-5)
    abs = lambda v: "enclosing abs"
    return inner()
print(nested_shadow())
