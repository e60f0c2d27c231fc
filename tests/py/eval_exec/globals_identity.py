# The globals dict passed to exec/eval becomes the function's __globals__.
g = {"value": 1}
exec("def get():\n    return value\ndef set_(v):\n    global value\n    value = v", g)
get, set_ = g["get"], g["set_"]
print(get())
set_(42)
print(g["value"], get())
g["value"] = "changed externally"
print(get())
print(get.__globals__ is g)

value = "main module value"
print(get(), value)

shared = {}
exec("counter = 0", shared)
for _ in range(3):
    exec("counter += 1", shared)
print(shared["counter"])

first, second = {}, {}
exec("x = 'first'", first)
exec("x = 'second'", second)
print(first["x"], second["x"])

def run_in(ns, code):
    exec(code, ns)
    return ns
ns = run_in({}, "import functools\nreducer = functools.reduce")
print(ns["reducer"](lambda a, b: a + b, [1, 2, 3]), "functools" in ns)

main_globals = globals()
exec("created_in_main = True", main_globals)
print(created_in_main)

env = {"__name__": "sandbox"}
exec("def who():\n    return __name__", env)
print(env["who"](), env["who"].__module__)

print(eval("value", {"value": "eval globals"}), eval("value"))
