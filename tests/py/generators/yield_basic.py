# Basic generator functions and lazy execution.
def countdown(n):
    print("  start")
    while n > 0:
        print("  yielding", n)
        yield n
        n -= 1
    print("  end")

g = countdown(3)
print(type(g).__name__)
print("created")
print(next(g))
print(next(g))
print(list(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.args)

def empty():
    return
    yield
print(list(empty()))

def only_yield():
    yield
print(list(only_yield()))

def values():
    yield 1
    yield "two"
    yield [3]
    yield None
print(list(values()))
a, b, c, d = values()
print(a, b, c, d)

def fib():
    x, y = 0, 1
    while True:
        yield x
        x, y = y, x + y
f = fib()
print([next(f) for _ in range(12)])

def gen_with_default(n, step=1):
    i = 0
    while i < n:
        yield i
        i += step
print(list(gen_with_default(10, 3)), sum(gen_with_default(5)))

print(next(iter(countdown(1))))
g2 = countdown(2)
print(iter(g2) is g2)
print(next(g2, "default"), next(g2, "default"), next(g2, "default"))
print(next(g2, "after exhaustion"))

def nested_loops():
    for i in range(3):
        for j in range(i):
            yield (i, j)
print(list(nested_loops()))

def yield_in_expr():
    x = yield 1
    print("  received", x)
    y = (yield 2) or 10
    return y
print(list(yield_in_expr()))

def lines():
    for word in "alpha beta gamma".split():
        yield word.upper()
print(" ".join(lines()))
print(max(lines()), sorted(lines(), key=len))
print(dict(enumerate(lines())))
print("BETA" in lines(), "DELTA" in lines())
