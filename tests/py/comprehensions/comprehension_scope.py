# comprehension variables do not leak; class scope rules
x = "outer x"
result = [x for x in range(3)]
print(result, x)
i = "outer i"
_ = [i * 2 for i in range(2)]
print(i)
{k: v for k, v in [(1, 2)]}
try:
    print(k)
except NameError as e:
    print(type(e).__name__, e)
g = (z for z in range(2))
print(list(g))
try:
    z
except NameError as e:
    print(type(e).__name__, e)
def f():
    y = 10
    return [y + n for n in range(3)]
print(f())
def closures():
    return [lambda: n for n in range(3)]
print([c() for c in closures()])
def closures_fixed():
    return [lambda n=n: n for n in range(3)]
print([c() for c in closures_fixed()])
class C:
    base = 10
    values = [1, 2, 3]
    doubled = [v * 2 for v in values]
    try:
        scaled = [v * base for v in values]
    except NameError as e:
        scaled = type(e).__name__ + ": " + str(e)
    first_iter_ok = [base for _ in range(1)] if False else "skipped"
print(C.doubled, C.scaled)
class D:
    n = 3
    ok = [i for i in range(n)]
print(D.ok)
data = [1, 2, 3]
data = [d * 2 for d in data]
print(data)
