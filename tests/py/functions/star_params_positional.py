# Functions with *args and/or **kwargs called with positional arguments only:
# each call gets its own tuple and dict, cells see them, errors match.

def both(a, b, *rest, **kw):
    kw["seen"] = len(rest)
    return a, b, rest, kw

def only_kw(a, **kw):
    kw.setdefault("n", 0)
    kw["n"] += 1
    return a, kw

def only_star(*rest):
    return rest

print(both(1, 2))
print(both(1, 2, 3, 4, 5))
first = both(1, 2)[3]
second = both(1, 2)[3]
print(first is second, first, second)
print(only_kw("x"), only_kw("y"))
print(only_star(), only_star(1), only_star(*range(12)))

# The dict is empty and fresh on every call, even after a caller mutated one.
def keep(**kw):
    return kw
d1 = keep()
d1["z"] = 1
print(keep(), d1)
for i in range(3):
    d = keep()
    d[i] = i
    print(sorted(d.items()))

# A closure over *args and **kwargs.
def outer(x, *args, **kwargs):
    def inner():
        return x, args, kwargs
    kwargs["k"] = x
    return inner
print(outer(1)(), outer(2, 3)())

# A generator function with both.
def gen(a, *args, **kwargs):
    yield a
    yield args
    yield kwargs
print(list(gen(1)), list(gen(1, 2, 3)))

# Methods: a bound call passes self positionally.
class C:
    def m(self, *args, **kwargs):
        return type(self).__name__, args, kwargs
    @classmethod
    def cm(cls, a, **kw):
        return cls.__name__, a, kw
print(C().m(), C().m(1, 2), C.cm(5))

# Defaults with a star parameter, fewer positional arguments than parameters.
def defs(a, b=2, *rest, **kw):
    return a, b, rest, kw
print(defs(1), defs(1, 3), defs(1, 3, 4))

# Keyword-only parameters take the general path.
def kwo(a, *rest, k=9, **kw):
    return a, rest, k, kw
print(kwo(1), kwo(1, 2), kwo(1, k=3, z=4))

# Errors: too few arguments, and a **kwargs-only function given extras.
def need_two(a, b, **kw):
    return a, b, kw
for call in (lambda: need_two(1), lambda: need_two(1, 2, 3), lambda: only_kw()):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

# Many surplus arguments (more than a small buffer holds).
print(only_star(*range(40))[-3:], len(both(*range(30))[2]))

# Recursion through a *args/**kwargs wrapper.
def wrap(f):
    def w(*a, **k):
        return f(*a, **k)
    return w
@wrap
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20))
