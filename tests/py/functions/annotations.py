# Function annotations as stored in __annotations__.
def f(a: int, b: str = "x", *args: float, c: bool = True, **kw: dict) -> list:
    return [a, b]

print(f.__annotations__)
print(list(f.__annotations__))
print(f.__annotations__["return"])

def none_ann():
    pass
print(none_ann.__annotations__)

def expr_ann(x: 1 + 2, y: "string ann", z: [int, str]) -> None:
    pass
print(expr_ann.__annotations__)

def only_return() -> "R":
    pass
print(only_return.__annotations__)

lam = lambda x: x
print(lam.__annotations__)

def pos_only(a: int, /, b: int) -> int:
    return a + b
print(pos_only.__annotations__)
print(pos_only(1, 2))

def mutate(x: int):
    pass
mutate.__annotations__["y"] = str
print(mutate.__annotations__)
mutate.__annotations__ = {"q": float}
print(mutate.__annotations__)

class K:
    def m(self, other: "K") -> "K":
        return self
print(K.m.__annotations__)
print(K().m.__annotations__)

def evaluated_once():
    calls = []
    def ann(v):
        calls.append(v)
        return v
    def g(p: ann("p"), q: ann("q")) -> ann("ret"):
        pass
    g(1, 2)
    g(3, 4)
    return calls, g.__annotations__
print(evaluated_once())

# Variable annotations at module level
count: int = 5
label: str
print(__annotations__)
print(count)
try:
    label
except NameError as e:
    print("NameError:", e)

def local_ann():
    v: int = 3
    w: str
    return v
print(local_ann())
print(local_ann.__annotations__)

class Rec:
    x: int
    y: str = "dflt"
    z: "fwd"
print(Rec.__annotations__)
print(Rec.y)
print(hasattr(Rec, "x"))
