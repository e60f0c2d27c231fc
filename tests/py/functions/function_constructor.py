# types.FunctionType(code, globals, name, argdefs, closure) and its
# argument checks.
import builtins
import types


def make_adder(base):
    def add(x, y=1):
        return x + y + base

    return add


adder = make_adder(100)
clone = types.FunctionType(adder.__code__, {}, "plus", (5,), adder.__closure__)
print(clone(1), clone(1, 2), clone.__name__, clone.__qualname__, clone.__defaults__)
print(clone.__globals__, clone.__module__, clone.__closure__ is adder.__closure__)

cases = [
    ("x", {}),
    (adder.__code__, []),
    (adder.__code__, {}, 7),
    (adder.__code__, {}, None, [1]),
    (adder.__code__, {}),
    (adder.__code__, {}, None, None, "cells"),
    (adder.__code__, {}, None, None, (1,)),
    (adder.__code__, {}, None, None, adder.__closure__ * 2),
    ((lambda: 0).__code__, {}, None, None, adder.__closure__),
]
for args in cases:
    try:
        types.FunctionType(*args)
        print("made")
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

try:
    types.FunctionType()
except TypeError as e:
    print(type(e).__name__, e)

# Keywords are accepted.
kw = types.FunctionType(code=(lambda: "ok").__code__, globals={}, name="kw")
print(kw(), kw.__name__)

# With no __builtins__ in its globals, a function takes its creator's.
ns = {}
length = types.FunctionType((lambda s: len(s)).__code__, ns)
print(length("abcd"), ns, length.__builtins__ is builtins.__dict__)

restricted = {"None": None}
env = {"type": type, "__builtins__": restricted}
exec("def first(): pass\nsecond = type(first)(first.__code__, {})\n", env)
print(env["first"].__builtins__ is restricted)
print(env["second"].__builtins__ is restricted)
print("__builtins__" in env["second"].__globals__)
