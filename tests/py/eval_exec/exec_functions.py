# Functions and classes created by exec, and their globals.
ns = {"factor": 3}
exec("""
def scale(v):
    return v * factor

def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc

class Shape:
    sides = 0
    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides"

class Tri(Shape):
    sides = 3
""", ns)

scale = ns["scale"]
print(scale(5))
ns["factor"] = 10
print(scale(5))
print(scale.__globals__ is ns)
c = ns["make_counter"]()
print(c(), c(), c())
print(ns["Tri"]().describe())
print([k.__name__ for k in ns["Tri"].__mro__])

loc = {}
exec("def uses_loc():\n    return helper_value\nhelper_value = 1", {}, loc)
try:
    loc["uses_loc"]()
except NameError as e:
    print("NameError:", e)

g = {}
exec("helper_value = 2\ndef uses_glob():\n    return helper_value", g)
print(g["uses_glob"]())

src = "def dyn_{n}():\n    return {n} * {n}\n"
dyn = {}
for n in range(3):
    exec(src.format(n=n), dyn)
print([dyn[f"dyn_{n}"]() for n in range(3)])
print(dyn["dyn_2"].__name__, dyn["dyn_2"].__qualname__)

exec("def gen():\n    yield from range(3)", dyn)
print(list(dyn["gen"]()))
exec("async def co():\n    return 'async result'", dyn)
coro = dyn["co"]()
try:
    coro.send(None)
except StopIteration as e:
    print(e.value)

exec("square = lambda v: v * v", dyn)
print(dyn["square"](12))

class_body = {}
try:
    exec("class K:\n    x = 1\n    y = [x * i for i in range(3)]", class_body)
    print(class_body["K"].y)
except NameError as e:
    print("NameError:", e)

exec("def rec(n):\n    return 1 if n == 0 else n * rec(n - 1)", dyn)
print(dyn["rec"](6))
