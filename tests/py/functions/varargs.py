# *args and **kwargs collection and unpacking.
def collect(*args, **kwargs):
    return args, sorted(kwargs.items())

print(collect())
print(collect(1))
print(collect(1, 2, 3))
print(collect(a=1))
print(collect(1, b=2, a=3))
print(type(collect()[0]).__name__)

def kwtype(**kw):
    return type(kw).__name__, kw
print(kwtype(x=1, y=2))

def first(a, *rest):
    return a, rest
print(first(1))
print(first(1, 2))
print(first(*[1, 2, 3]))
print(first(*"hey"))
print(first(*range(4)))
print(first(0, *(1, 2), *[3], 4))

def kws(a, b, c):
    return a * 100 + b * 10 + c
print(kws(**{"a": 1, "b": 2, "c": 3}))
print(kws(1, **{"c": 3, "b": 2}))
print(kws(*[1], **{"b": 2}, c=3))
print(kws(**{"a": 1}, **{"b": 2}, **{"c": 3}))

try:
    kws(**{"a": 1}, **{"a": 2})
except TypeError as e:
    print("TypeError:", e)
try:
    kws(1, **{"a": 2, "b": 3, "c": 4})
except TypeError as e:
    print("TypeError:", e)
try:
    kws(*[1, 2, 3, 4])
except TypeError as e:
    print("TypeError:", e)
try:
    kws(**{"a": 1, "b": 2, "c": 3, "d": 4})
except TypeError as e:
    print("TypeError:", e)
try:
    kws(*5)
except TypeError as e:
    print("TypeError:", e)
try:
    kws(**[1, 2])
except TypeError as e:
    print("TypeError:", e)

def order(**kw):
    return list(kw)
print(order(z=1, a=2, m=3))
print(order(**{"b": 1}, a=2))

def passthrough(*args, **kwargs):
    return collect(*args, **kwargs)
print(passthrough(1, 2, k=3))

def modify(*args):
    args = args + (99,)
    return args
print(modify(1))

t = (1, 2)
d = {"x": 5}
def show(*a, **k):
    k["new"] = 1
    return a is t, sorted(k)
print(show(*t, **d))
print(d)
