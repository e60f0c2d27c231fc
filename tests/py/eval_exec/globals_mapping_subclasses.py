# Globals and __builtins__ that are dict subclasses: LOAD_GLOBAL
# subscripts them (__missing__, __getitem__), LOAD_NAME reads globals as
# a plain dict but subscripts a non-dict builtins mapping.


class Numbers(dict):
    def __missing__(self, key):
        if key.startswith("n_"):
            return int(key[2:])
        raise KeyError(key)


f = eval("lambda: n_1 + n_20 + n_300", Numbers())
print([f() for _ in range(3)])
g = eval("lambda: len('abc')", Numbers())
print(g())
h = eval("lambda: undefined_thing", Numbers())
try:
    h()
except NameError as e:
    print(type(e).__name__, e)


class Loud(dict):
    def __getitem__(self, key):
        raise LookupError("no reading " + key)


for src, ns in [
    ("name_here", Loud({"name_here": 1})),
    ("value = some_builtin", {"__builtins__": Loud({"some_builtin": 1})}),
    ("def f():\n    return name_here\nresult = f()", Loud({"name_here": 1})),
]:
    try:
        exec(src, ns)
        print("ran", ns.get("value"), dict.get(ns, "result"))
    except Exception as e:
        print(type(e).__name__, e)


class Counting(dict):
    reads = 0

    def __getitem__(self, key):
        Counting.reads += 1
        return dict.__getitem__(self, key)


ns = Counting({"x": 5})
exec("def get():\n    return x\nvalues = [get() for i in range(4)]", ns)
print(dict.__getitem__(ns, "values"), Counting.reads >= 4)
ns = {"__builtins__": Counting({"len": len})}
exec("n = len('four')", ns)
print(ns["n"])
