# Decorators with arguments and stacking order.
order = []

def tag(label):
    order.append("make " + label)
    def deco(fn):
        order.append("apply " + label)
        def wrapper(*a):
            return "<" + label + ">" + fn(*a) + "</" + label + ">"
        return wrapper
    return deco

@tag("b")
@tag("i")
def text(s):
    return s

print(order)
print(text("hi"))

def repeat(times=2, sep=" "):
    def deco(fn):
        def wrapper(*a, **k):
            return sep.join(fn(*a, **k) for _ in range(times))
        return wrapper
    return deco

@repeat()
def word():
    return "la"
@repeat(3, sep="-")
def dash():
    return "x"
@repeat(times=1)
def single():
    return "once"
print(word(), dash(), single())

def validate(*types):
    def deco(fn):
        def wrapper(*args):
            for a, t in zip(args, types):
                if not isinstance(a, t):
                    raise TypeError(f"expected {t.__name__}, got {type(a).__name__}")
            return fn(*args)
        return wrapper
    return deco

@validate(int, str)
def rep(n, s):
    return s * n
print(rep(3, "ab"))
try:
    rep("3", "ab")
except TypeError as e:
    print("TypeError:", e)
try:
    rep(2, 5)
except TypeError as e:
    print("TypeError:", e)

def memo(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    wrapper.cache = cache
    return wrapper

@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60))
print(len(fib.cache))

def prefix(p):
    return lambda f: lambda *a: p + f(*a)

@prefix("1")
@prefix("2")
@prefix("3")
def base():
    return "!"
print(base())

events = []
def evaluated(name):
    events.append("expr " + name)
    def d(f):
        events.append("call " + name)
        return f
    return d

@evaluated("outer")
@evaluated("inner")
def target():
    pass
print(events)

def on_class(cls):
    cls.extra = "added"
    return cls

@on_class
class C:
    pass
print(C.extra)

def with_state(start):
    def deco(fn):
        state = {"n": start}
        def w():
            state["n"] += 1
            return fn(state["n"])
        return w
    return deco

@with_state(10)
def show(n):
    return n
print(show(), show(), show())
