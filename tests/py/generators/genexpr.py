# Generator expressions.
g = (x * x for x in range(5))
print(type(g).__name__)
print(next(g), next(g))
print(list(g))
print(list(g))

print(sum(x for x in range(101)))
print(max(len(w) for w in ["a", "abc", "ab"]))
print(list(c.upper() for c in "hey" if c != "e"))
print(list((i, j) for i in range(3) for j in range(i)))
print(",".join(str(n) for n in range(5)))
print(tuple(x for x in "ab"))
print(dict((k, len(k)) for k in ["one", "three"]))
print(sorted((x % 3 for x in range(10)), reverse=True))
print(any(x > 3 for x in [1, 2, 5]), all(x > 0 for x in []))

# Outermost iterable is evaluated immediately
def source():
    print("  source evaluated")
    return [1, 2]
lazy = (x for x in source())
print("after creation")
print(list(lazy))

try:
    bad = (x for x in 5)
except TypeError as e:
    print("TypeError at creation:", e)

def noisy(n):
    print("  noisy", n)
    return n
ge = (noisy(i) for i in range(3))
print("nothing evaluated yet")
print(next(ge))

# Late binding of inner variable but not outer iterable
items = [1, 2, 3]
mult = 10
scaled = (x * mult for x in items)
mult = 100
items = []
print(list(scaled))

nested = ((y for y in range(x)) for x in range(4))
print([list(inner) for inner in nested])

print(list(zip((i for i in "abc"), (i for i in range(10)))))
gen = (i for i in range(3))
print(list(enumerate(gen)))
print(sum(1 for _ in range(7)))

words = ["apple", "bob", "civic", "dad"]
print(list(w for w in words if w == w[::-1]))
matrix = [[1, 2], [3, 4]]
print(list(v for row in matrix for v in row if v % 2))

g3 = (x for x in range(2))
print(g3.__name__, g3.__qualname__)
print(list(g3), list(g3))

try:
    (1 / x for x in [1, 0]).__next__()
    list(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

g4 = (y for y in [1, 2, 3])
g4.close()
print(list(g4))
g5 = (y for y in [1])
print(g5.send(None))
