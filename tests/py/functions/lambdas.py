# Lambda expressions.
sq = lambda x: x * x
print(sq(7))
print(sq.__name__)
print((lambda: "no args")())
print((lambda *a: len(a))(1, 2, 3))
print((lambda **k: sorted(k))(b=1, a=2))
print((lambda a, b=5: a + b)(1))
print((lambda a, *, b: a - b)(10, b=3))
print((lambda x: (lambda y: x + y))(3)(4))

pairs = [(3, "c"), (1, "a"), (2, "b"), (1, "z")]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: (-p[0], p[1])))
print(list(map(lambda s: s.upper(), ["x", "yz"])))
print(list(filter(lambda n: n % 3 == 0, range(12))))

cond = lambda n: "neg" if n < 0 else ("zero" if n == 0 else "pos")
print([cond(v) for v in (-2, 0, 5)])

ops = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
}
for sym in sorted(ops):
    print(sym, ops[sym](6, 3))

compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))

print((lambda: (yield))  .__name__)
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10))

print((lambda x=[]: x.append(1) or len(x))())
f = lambda x=[]: x.append(1) or len(x)
print(f(), f(), f())
print(f.__defaults__)

print(type(sq).__name__)
print(sq.__doc__)
print(callable(sq))

nested_default = lambda a, b=lambda: 9: a + b()
print(nested_default(1))

try:
    (lambda x: x)()
except TypeError as e:
    print("TypeError:", e)
try:
    (lambda: 0)(1)
except TypeError as e:
    print("TypeError:", e)

def outer():
    return lambda: 1
print(outer().__qualname__)
class Holder:
    method = lambda self: "lambda method"
print(Holder().method())
print(Holder.method.__qualname__)

walrus = lambda v: (y := v * 2, y + 1)
print(walrus(4))
print((lambda: [i for i in range(3)])())
