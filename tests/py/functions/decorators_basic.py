# Simple decorators without functools.wraps.
log = []

def trace(fn):
    def wrapper(*args, **kwargs):
        log.append("call " + fn.__name__)
        result = fn(*args, **kwargs)
        log.append("ret " + repr(result))
        return result
    return wrapper

@trace
def add(a, b):
    return a + b

print(add(2, 3))
print(add(b=1, a=4))
print(log)
print(add.__name__)
print(add.__qualname__)

def copy_meta(fn):
    def wrapper(*a):
        return fn(*a) * 2
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    wrapper.__qualname__ = fn.__qualname__
    wrapper.__wrapped__ = fn
    return wrapper

@copy_meta
def triple(x):
    "Triples x."
    return x * 3

print(triple(2))
print(triple.__name__, triple.__doc__, triple.__qualname__)
print(triple.__wrapped__(2))

registry = {}
def register(fn):
    registry[fn.__name__] = fn
    return fn

@register
def alpha():
    return "A"

@register
def beta():
    return "B"

print(sorted(registry))
print(registry["alpha"](), beta())
print(registry["beta"] is beta)

def replace_with_value(fn):
    return fn()

@replace_with_value
def computed():
    return 6 * 7
print(computed)

def count_calls(fn):
    def wrapper(*a, **k):
        wrapper.calls += 1
        return fn(*a, **k)
    wrapper.calls = 0
    return wrapper

@count_calls
def noop():
    pass
noop(); noop(); noop()
print(noop.calls)

# Decorator applied manually equals @ syntax
def square(x):
    return x * x
square = count_calls(square)
print(square(9), square.calls)

# Decorator expression can be any expression (PEP 614)
decos = [trace, count_calls]
@decos[1]
def via_index():
    return "indexed"
print(via_index(), via_index.calls)

@(lambda f: lambda *a: f(*a) + 1)
def plus():
    return 1
print(plus())

class Deco:
    def __init__(self, fn):
        self.fn = fn
        self.n = 0
    def __call__(self, *a):
        self.n += 1
        return self.fn(*a)

@Deco
def cls_decorated(x):
    return -x
print(cls_decorated(5), cls_decorated(6), cls_decorated.n, type(cls_decorated).__name__)
