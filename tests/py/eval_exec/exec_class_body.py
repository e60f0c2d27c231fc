# exec and eval interacting with class bodies and methods.
class Dynamic:
    for name, value in [("alpha", 1), ("beta", 2)]:
        exec(f"{name} = {value}")
    del name, value
print(Dynamic.alpha, Dynamic.beta)

class FromLocals:
    x = 10
    y = eval("x * 2")
print(FromLocals.y)

methods = {}
exec("""
def area(self):
    return self.w * self.h
def perimeter(self):
    return 2 * (self.w + self.h)
""", {}, methods)
Rect = type("Rect", (), {"__init__": lambda self, w, h: setattr(self, "w", w) or setattr(self, "h", h), **methods})
r = Rect(3, 4)
print(r.area(), r.perimeter(), sorted(methods))

class UsesEvalInMethod:
    factor = 3
    def scaled(self, v):
        return eval("v * self.factor")
print(UsesEvalInMethod().scaled(5))

src = "class Generated:\n    kind = 'generated'\n    def hello(self):\n        return 'hello from ' + self.kind\n"
ns = {"__name__": "generated_module"}
exec(src, ns)
G = ns["Generated"]
print(G().hello(), G.__module__, G.__qualname__)

def make_class(name, fields):
    lines = [f"class {name}:", f"    def __init__(self, {', '.join(fields)}):"]
    lines += [f"        self.{f} = {f}" for f in fields]
    lines += ["    def __repr__(self):",
              f"        return '{name}(' + ', '.join(repr(getattr(self, f)) for f in {fields!r}) + ')'"]
    code = "\n".join(lines)
    scope = {}
    exec(code, scope)
    return scope[name]
Point = make_class("Point", ["x", "y"])
print(Point(1, 2), Point("a", [3]))
Triple = make_class("Triple", ["a", "b", "c"])
print(Triple(1, 2, 3))
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
