# Positional-only parameters (PEP 570).
def f(a, b, /, c, d=4, *, e=5):
    return (a, b, c, d, e)

print(f(1, 2, 3))
print(f(1, 2, c=3))
print(f(1, 2, 3, 4, e=6))
print(f(1, 2, d=0, c=9))

try:
    f(a=1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, 2, 3, 4, 5)
except TypeError as e:
    print("TypeError:", e)

def g(x, /, **kw):
    return x, sorted(kw.items())

print(g(1, x=2))
print(g("pos", y=3, x=4))

def h(a, b=2, /):
    return a * b

print(h(3))
print(h(3, 3))
try:
    h(a=3)
except TypeError as e:
    print("TypeError:", e)
try:
    h()
except TypeError as e:
    print("TypeError:", e)
try:
    h(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)

def only(x, /):
    return x
print(only(42))
try:
    only(x=42)
except TypeError as e:
    print("TypeError:", e)

def mix(p, /, q, *, r):
    return [p, q, r]
print(mix(1, 2, r=3))
print(mix(1, q=2, r=3))
try:
    mix(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    mix(1, 2)
except TypeError as e:
    print("TypeError:", e)
print(f.__defaults__, f.__kwdefaults__)
print(h.__defaults__)

lam = lambda a, /, b: a - b
print(lam(10, 3), lam(10, b=4))
try:
    lam(a=1, b=2)
except TypeError as e:
    print("TypeError:", e)
