# eval of expressions with globals and locals.
print(eval("1 + 2 * 3"))
print(eval("'abc'.upper()"))
print(eval("[x * x for x in range(4)]"))
print(eval("  42  "))
print(eval("\t(1,\n 2)"))

x = 10
print(eval("x + 1"))
print(eval("x + 1", {"x": 100}))
print(eval("x + y", {"x": 1}, {"y": 2}))
print(eval("x", {"x": "global"}, {"x": "local"}))

def f():
    local_var = "function local"
    return eval("local_var")
print(f())

def g():
    a = 5
    return eval("a * 2", {}, {"a": 50})
print(g())

try:
    eval("undefined_name_q")
except NameError as e:
    print("NameError:", e)
try:
    eval("x = 1")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    eval("import os")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    eval("")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    eval(5)
except TypeError as e:
    print("TypeError:", e)

print(eval(b"3 * 3"))
print(eval("lambda q: q + 1")(1))
print(eval("(y := 7) + y", {}))
ns = {}
eval("(z := 99)", ns)
print(ns["z"])

class Lookup(dict):
    def __missing__(self, key):
        return f"<{key}>"
print(eval("alpha + beta", {}, Lookup()))

print(eval("__name__"))
print(eval("__name__", {"__name__": "custom"}))
print(eval("len('four')", {}))
try:
    print(eval("len('four')", {"__builtins__": {}}))
except NameError as e:
    print("NameError:", e)
print(eval("abs(-3)", {"__builtins__": {"abs": lambda v: "fake abs"}}))

code = compile("a + b", "<expr>", "eval")
print(eval(code, {"a": 1, "b": 2}), eval(code, {"a": "x", "b": "y"}))
print(eval("sum(v for v in data)", {"data": [1, 2, 3]}))
try:
    eval("[i + k for i in range(2)]", {}, {"k": 10})
except NameError as e:
    print("NameError:", e)
