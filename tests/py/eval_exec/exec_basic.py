# exec of statements with globals and locals dicts.
ns = {}
exec("a = 1\nb = a + 1\nc = [a, b]", ns)
print(ns["a"], ns["b"], ns["c"])
print("__builtins__" in ns)
print(sorted(k for k in ns if k != "__builtins__"))

result = exec("1 + 1")
print(result)

g = {"shared": 0}
l = {}
exec("shared_copy = shared\nnew_local = 5", g, l)
print(sorted(l), sorted(k for k in g if k != "__builtins__"))

exec("""
def square(n):
    return n * n
class Box:
    def __init__(self, v):
        self.v = v
items = [square(i) for i in range(5)]
""", ns)
print(ns["square"](9), ns["Box"](3).v, ns["items"])
print(ns["square"].__module__, ns["Box"].__module__)
print(ns["Box"].__qualname__)

x = "module x"
def runner():
    x = "function x"
    exec("print('exec sees', x)")
runner()

def cannot_assign_locals():
    value = 1
    exec("value = 2")
    return value
print(cannot_assign_locals())

def via_dict():
    d = {}
    exec("value = 2", globals(), d)
    return d["value"]
print(via_dict())

exec("global_from_exec = 'created'")
print(global_from_exec)

src = "for i in range(3):\n    total = total + i"
scope = {"total": 100}
exec(src, scope)
print(scope["total"], scope["i"])

try:
    exec("def broken(:\n    pass")
except SyntaxError as e:
    print("SyntaxError:", e.msg, e.lineno)
try:
    exec("raise KeyError('from exec')")
except KeyError as e:
    print("KeyError:", e)
try:
    exec(123)
except TypeError as e:
    print("TypeError:", e)
try:
    exec("pass", [])
except TypeError as e:
    print("TypeError:", e)
try:
    exec("pass", {}, 5)
except TypeError as e:
    print("TypeError:", e)

exec(compile("w = 'compiled'", "<c>", "exec"), ns)
print(ns["w"])
exec("import sys as _s\nmods = type(_s).__name__", ns)
print(ns["mods"])
ns2 = {"__builtins__": {"print": lambda *a: None, "len": len}}
exec("n = len('abc')\nprint('silenced')", ns2)
print(ns2["n"])
