# expressions built from objects with operator methods
class Expr:
    def __init__(self, text):
        self.text = text
    def __add__(self, o): return Expr(f"({self.text} + {_t(o)})")
    def __radd__(self, o): return Expr(f"({_t(o)} + {self.text})")
    def __mul__(self, o): return Expr(f"({self.text} * {_t(o)})")
    def __rmul__(self, o): return Expr(f"({_t(o)} * {self.text})")
    def __sub__(self, o): return Expr(f"({self.text} - {_t(o)})")
    def __neg__(self): return Expr(f"-{self.text}")
    def __pow__(self, o): return Expr(f"({self.text} ** {_t(o)})")
    def __getitem__(self, k): return Expr(f"{self.text}[{k!r}]")
    def __call__(self, *args): return Expr(f"{self.text}({', '.join(map(_t, args))})")
    def __getattr__(self, name): return Expr(f"{self.text}.{name}")
    def __repr__(self): return self.text
def _t(o):
    return o.text if isinstance(o, Expr) else repr(o)
x, y = Expr("x"), Expr("y")
print(x + y * 2)
print(2 * x + 3)
print(-x ** 2)
print((x - y) * (x + y))
print(x[0] + y["k"])
print(x.attr.method(1, y))
print(1 + 2 * x - y ** 3)
print(sum([x, y], 0))
