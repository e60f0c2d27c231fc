# generator expressions: exhaustion, closures over loop variables, late binding
g = (x * x for x in range(4))
print(list(g), list(g), sum(g))
gens = [(i * j for j in range(3)) for i in range(3)]
print([list(gg) for gg in gens])
factor = 10
scaled = (x * factor for x in range(3))
factor = 100
print(list(scaled))
src = [1, 2, 3]
lazy = (x for x in src)
src.append(4)
print(list(lazy))
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [(lambda i: lambda: i)(i) for i in range(3)]
print([f() for f in funcs])
def make():
    return (n for n in range(3))
a, b = make(), make()
print(next(a), next(a), next(b), list(a), list(b))
g2 = (c for c in "abc")
print("b" in g2, list(g2))
