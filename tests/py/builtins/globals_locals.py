# globals() and locals() basics
x = 10
g = globals()
print(g["x"], "x" in g, "__name__" in g, g["__name__"], "print" in g)
g["created_via_globals"] = "yes"
print(created_via_globals)
def func(a, b=2):
    c = a + b
    loc = locals()
    return sorted(loc.items())
print(func(1))
def reader():
    return globals()["x"] + 1
print(reader())
def modify_global():
    globals()["x"] = 99
modify_global()
print(x)
class K:
    attr = 1
    names = sorted(k for k in locals() if not k.startswith("__"))
print(K.names)
print(locals() is globals(), sorted(k for k in locals() if not k.startswith("__"))[:6])
def nested():
    outer_var = "o"
    def inner():
        return sorted(locals())
    return inner()
print(nested())
