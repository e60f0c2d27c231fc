# An empty *args is the empty tuple: equal to (), immutable, the same object at
# every call (CPython keeps one empty tuple), and independent of what callers do
# with their own tuples.
def f(*args, **kwargs):
    return args, kwargs

a1, k1 = f()
a2, k2 = f()
print(a1, k1, a1 == (), len(a1), type(a1).__name__)
print("same empty tuple:", a1 is a2, "fresh kwargs dicts:", k1 is not k2)
k1["x"] = 1
print(f()[1], k1)
print(f(1, 2)[0], f(*[])[0], f(*())[0], f(**{})[1])
try:
    a1 += (1,)
    print(a1, f()[0])
except TypeError as e:
    print("TypeError", e)
try:
    f()[0].__class__ = list
except TypeError as e:
    print("TypeError", e)
print(hash(f()[0]) == hash(()), f()[0] < (1,), f()[0] + (3,), f()[0] * 5)


class Sub(tuple):
    pass

s = Sub()
print(type(s).__name__, s == (), s is not f()[0])
print(tuple([]) == f()[0], sorted([(), (0,), ()]))
