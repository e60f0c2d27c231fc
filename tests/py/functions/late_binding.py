# Late binding in closures and lambdas created in loops.
funcs = [lambda: i for i in range(4)]
print([f() for f in funcs])

funcs = [lambda i=i: i for i in range(4)]
print([f() for f in funcs])

def builder():
    out = []
    for n in range(3):
        out.append(lambda: n * 100)
    n = 7
    return out
print([f() for f in builder()])

def builder2():
    out = []
    for n in range(3):
        def make(m):
            return lambda: m * 100
        out.append(make(n))
    return out
print([f() for f in builder2()])

acts = {}
for name in ["a", "b", "c"]:
    acts[name] = lambda: name.upper()
print(acts["a"](), acts["b"](), acts["c"]())
name = "z"
print(acts["a"]())

def closure_sees_update():
    val = 1
    get = lambda: val
    val = 2
    first = get()
    val = 3
    return first, get()
print(closure_sees_update())

gens = [(lambda: k) for k in "xyz"]
print("".join(g() for g in gens))

muls = [lambda x, j=j: x * j for j in range(1, 4)]
print([m(10) for m in muls])

def default_vs_late():
    base = 10
    early = lambda b=base: b
    late = lambda: base
    base = 20
    return early(), late()
print(default_vs_late())

fs = []
i = 0
while i < 3:
    fs.append(lambda: i)
    i += 1
print([f() for f in fs])
i = 100
print([f() for f in fs])

import functools
ps = [functools.partial(lambda a, b: a + b, q) for q in range(3)]
print([p(10) for p in ps])

nested = [[lambda: (r, c) for c in range(2)] for r in range(2)]
print([[f() for f in row] for row in nested])
