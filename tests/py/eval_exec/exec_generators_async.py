# Generators, closures and async functions defined through exec.
ns = {}
exec("""
def countdown(n):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"

def make_acc():
    total = 0
    def add(v):
        nonlocal total
        total += v
        return total
    return add

async def double(v):
    return v * 2

async def pipeline(values):
    out = []
    for v in values:
        out.append(await double(v))
    return out
""", ns)

print(list(ns["countdown"](4)))
g = ns["countdown"](1)
next(g)
try:
    next(g)
except StopIteration as e:
    print("return value:", e.value)

acc = ns["make_acc"]()
print(acc(5), acc(10), acc(-3))

coro = ns["pipeline"]([1, 2, 3])
try:
    coro.send(None)
except StopIteration as e:
    print("async result:", e.value)

gen_expr = eval("(x * x for x in range(5) if x % 2)")
print(type(gen_expr).__name__, list(gen_expr))

lam = eval("lambda *a, **k: (a, sorted(k))")
print(lam(1, 2, z=3))

code = compile("yield_value = [v for v in (lambda: (yield 1))()]", "<x>", "exec")
scope = {}
exec(code, scope)
print(scope["yield_value"])
