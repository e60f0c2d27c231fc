# LEGB name resolution.
x = "global"
len_result = len("abc")

def local_first():
    x = "local"
    return x

def enclosing_then_global():
    x = "enclosing"
    def inner():
        return x
    return inner()

def global_only():
    return x

def builtin_shadowed():
    len = lambda s: "local len"
    return len("abc")

def builtin_used():
    return len("abcd")

print(local_first(), enclosing_then_global(), global_only())
print(builtin_shadowed(), builtin_used(), len_result)

def three_levels():
    a = "L1"
    def level2():
        b = "L2"
        def level3():
            c = "L3"
            return a, b, c, x
        return level3()
    return level2()
print(three_levels())

def shadow_chain():
    x = "outer function"
    def middle():
        x = "middle function"
        def inner():
            return x
        return inner()
    return middle(), x
print(shadow_chain())

print = print
def uses_print():
    print("module-level name bound to builtin print")
uses_print()
del print
print("builtin print restored via deletion")

def param_shadows_global(x):
    return x
print(param_shadows_global("param"))

def late_global_definition():
    return defined_later
defined_later = "defined after function"
print(late_global_definition())

y = 1
def reads_then_global_changes():
    return y
y = 2
print(reads_then_global_changes())

def list_comprehension_scope():
    n = 10
    return [n + i for i in range(3)]
print(list_comprehension_scope())

i = "module i"
squares = [i * i for i in range(4)]
print(i, squares)

def lambda_scope():
    k = 5
    f = lambda m: k * m
    k = 6
    return f(2)
print(lambda_scope())

class Scope:
    x = "class attr"
    def method(self):
        return x
print(Scope().method())
print(Scope.x)

def builtins_last():
    import sys
    b = sys.modules["builtins"]
    return b.len is len
print(builtins_last())
