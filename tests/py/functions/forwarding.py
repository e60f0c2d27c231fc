# Forwarding *args/**kwargs through wrappers keeps argument errors intact.
def target(a, b=2, *, c=3):
    return (a, b, c)

def forward(*args, **kwargs):
    return target(*args, **kwargs)

def forward_extra(*args, **kwargs):
    kwargs.setdefault("c", "default from wrapper")
    return target(*args, **kwargs)

def forward_prepend(*args, **kwargs):
    return target("prepended", *args, **kwargs)

for fn in (forward, forward_extra, forward_prepend):
    print(fn.__name__)
    for args, kwargs in [((1,), {}), ((1, 5), {"c": 9}), ((), {"a": 0}), ((1, 2, 3), {}), ((), {}), ((1,), {"d": 4})]:
        try:
            print("  ", args, kwargs, "->", fn(*args, **kwargs))
        except TypeError as e:
            print("  ", args, kwargs, "-> TypeError:", e)

def curry(fn, *bound, **bound_kw):
    def inner(*args, **kwargs):
        return fn(*bound, *args, **{**bound_kw, **kwargs})
    return inner
c1 = curry(target, 10)
print(c1(), c1(20), c1(c="kw"))
c2 = curry(target, c="bound c")
print(c2(1), c2(1, c="override"))

def count_args(*args, **kwargs):
    return len(args), len(kwargs)
def relay(*args, **kwargs):
    return count_args(args, kwargs), count_args(*args, **kwargs)
print(relay(1, 2, x=3))

def spread(fn, items):
    return [fn(*item) if isinstance(item, tuple) else fn(**item) for item in items]
print(spread(target, [(1,), (1, 2), {"a": 5, "c": 6}]))
