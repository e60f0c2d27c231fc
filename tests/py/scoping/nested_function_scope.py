# Nested functions: reading, rebinding and shadowing enclosing names.
def outer():
    level = "outer"
    def reader():
        return level
    def shadower():
        level = "shadowed in shadower"
        return level
    def rebinder():
        nonlocal level
        level = "rebound by rebinder"
    before = reader()
    shadow = shadower()
    mid = reader()
    rebinder()
    after = reader()
    return before, shadow, mid, after
print(outer())

def siblings():
    shared = []
    def producer():
        shared.append(len(shared))
    def consumer():
        return list(shared)
    producer(); producer()
    return consumer()
print(siblings())

def parameter_default_scope():
    value = "enclosing"
    def inner(v=value):
        return v
    value = "changed"
    return inner(), (lambda: value)()
print(parameter_default_scope())

def deep_nonlocal():
    a = 0
    def l1():
        def l2():
            def l3():
                nonlocal a
                a += 1
            l3(); l3()
        l2()
    l1(); l1()
    return a
print(deep_nonlocal())

def name_in_two_scopes():
    x = "outer x"
    def inner():
        x = "inner x"
        def innermost():
            return x
        return innermost()
    return inner(), x
print(name_in_two_scopes())

def function_defined_in_loop():
    fns = {}
    for name in ["a", "b"]:
        def fn(n=name):
            return n.upper()
        fns[name] = fn
    return {k: v() for k, v in fns.items()}
print(function_defined_in_loop())

def recursive_inner(n):
    def helper(k):
        return 0 if k == 0 else k + helper(k - 1)
    return helper(n)
print(recursive_inner(10))

def mutual_inner():
    def even(n):
        return n == 0 or odd(n - 1)
    def odd(n):
        return n != 0 and even(n - 1)
    return even(10), odd(7), even(3)
print(mutual_inner())

def returns_multiple_closures():
    x = 0
    def inc():
        nonlocal x
        x += 1
        return x
    def dec():
        nonlocal x
        x -= 1
        return x
    return inc, dec
inc, dec = returns_multiple_closures()
print(inc(), inc(), dec(), inc())

def conditional_def(flag):
    if flag:
        def impl():
            return "first impl"
    else:
        def impl():
            return "second impl"
    return impl()
print(conditional_def(True), conditional_def(False))
