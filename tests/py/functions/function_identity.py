# Function objects: identity, equality, hashing, creation per execution.
def make():
    def inner():
        return 1
    return inner

a, b = make(), make()
print(a is b, a == b, a() == b())
print(a.__name__ == b.__name__, a.__qualname__)

registry = {a: "first", b: "second"}
print(len(registry), registry[a], registry[b])

fs = []
for i in range(3):
    def f():
        pass
    fs.append(f)
print(len(set(fs)), all(g.__name__ == "f" for g in fs))

def top():
    pass
print(top is top, top == top, hash(top) == hash(top))
alias = top
print(alias is top, alias.__name__)
del top
print(alias.__name__)

lams = [lambda: 0, lambda: 0]
print(lams[0] == lams[1], lams[0].__name__)

print(sorted([make, alias, print, len], key=lambda fn: fn.__name__) == [len, make, print, alias])
names = sorted(fn.__name__ for fn in [make, alias, abs, sorted])
print(names)

class C:
    def m(self):
        pass
c = C()
print(c.m is c.m, c.m == c.m, C.m is C.m)
print(hash(c.m) == hash(c.m))
print({c.m: 1}[c.m])

import functools
p1 = functools.partial(max, 1)
print(p1 is p1, p1 == functools.partial(max, 1))

def redefine():
    return "first definition"
first = redefine
def redefine():
    return "second definition"
print(first(), redefine(), first is redefine)

def gen_funcs():
    return [lambda x, i=i: x + i for i in range(3)]
g = gen_funcs()
print([f(10) for f in g], g[0] is g[1])
print(type(make).__name__, type(print).__name__, type(C.m).__name__, type(c.m).__name__)
