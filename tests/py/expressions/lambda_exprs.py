# lambda expressions: defaults, closures, immediate invocation
add = lambda a, b=10: a + b
print(add(1), add(1, 2), add(b=5, a=1), (lambda: "no args")(), (lambda *a, **k: (a, k))(1, 2, x=3))
print((lambda x: (lambda y: x + y))(10)(5), (lambda f, v: f(f(v)))(lambda z: z * 3, 2))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)), list(map(lambda p: p[0] * p[1], [(2, 3), (4, 5)])))
print(add.__name__, (lambda: 0).__name__, callable(add))
make = [lambda i=i: i * i for i in range(4)]
print([m() for m in make])
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
kw_only = lambda a, *, b: (a, b)
pos_only = lambda a, /, b: (a, b)
print(kw_only(1, b=2), pos_only(1, 2), pos_only(1, b=3))
try:
    kw_only(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    pos_only(a=1, b=2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    add()
except TypeError as e:
    print(type(e).__name__, e)
cond = lambda x: "even" if x % 2 == 0 else "odd"
print([cond(i) for i in range(4)])
counter = (lambda: [0])()
bump = lambda: counter.__setitem__(0, counter[0] + 1) or counter[0]
print(bump(), bump(), bump())
print((lambda: (yield))().__class__.__name__ if False else "skip", (lambda x: x)(lambda: 1)())
