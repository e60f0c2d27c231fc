# generator expressions are lazy and single-use
def noisy(v):
    print("  computing", v)
    return v * 10
g = (noisy(x) for x in range(3))
print("generator created", type(g).__name__)
print("first:", next(g))
print("rest:", list(g))
print("again:", list(g))
def source():
    print("  source started")
    for i in range(3):
        print("  yielding", i)
        yield i
g2 = (x + 1 for x in source())
print("outer iterable is evaluated lazily? created")
print(next(g2))
print(sum(g2))
try:
    g3 = (x for x in 5)
except TypeError as e:
    print("eager first iterable:", type(e).__name__, e)
def boom():
    raise ValueError("inner condition evaluated")
g4 = (x for x in range(3) if boom())
print("inner condition not yet evaluated")
try:
    next(g4)
except ValueError as e:
    print(type(e).__name__, e)
g5 = (y for x in range(2) for y in (print("  inner iterable for", x) or [x, x]))
print("g5 created")
print(list(g5))
print(sum(x * x for x in range(10)), max(len(w) for w in ["a", "bbb"]), "".join(c for c in "abc" if c != "b"))
print(any(x > 100 for x in range(10 ** 9)), next(x for x in range(10 ** 9) if x * x > 50))
gen = (i for i in range(3))
print(iter(gen) is gen, list(zip(gen, gen)))
