# Keyword-only parameters.
def f(a, *, key, flag=False):
    return (a, key, flag)

print(f(1, key=2))
print(f(1, key=2, flag=True))
print(f(a=0, flag=1, key="k"))
try:
    f(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, key=1, other=2)
except TypeError as e:
    print("TypeError:", e)

def g(*args, sep="-", end="."):
    return sep.join(str(x) for x in args) + end

print(g(1, 2, 3))
print(g(1, 2, 3, sep="+"))
print(g(end="!"))
print(g("a", "b", sep="", end=""))

def two(*, x, y):
    return x * 10 + y
print(two(x=1, y=2))
print(two(y=1, x=2))
try:
    two(x=1)
except TypeError as e:
    print("TypeError:", e)
try:
    two()
except TypeError as e:
    print("TypeError:", e)

def three(*, a, b, c):
    return a + b + c
try:
    three()
except TypeError as e:
    print("TypeError:", e)

print(f.__kwdefaults__)
print(g.__kwdefaults__)
print(two.__kwdefaults__)
print(f.__defaults__)

f.__kwdefaults__ = {"key": "defaulted", "flag": None}
print(f(5))

def mixed(a, b=1, *rest, c, d=2, **kw):
    return a, b, rest, c, d, sorted(kw)
print(mixed(0, c=3))
print(mixed(0, 9, 8, 7, c=3, z=1, y=2))
print(mixed(c=1, a=2))
try:
    mixed(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)

opts = {"key": "K", "flag": "F"}
print(f("x", **opts))
