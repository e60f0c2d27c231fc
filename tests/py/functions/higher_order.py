# Functions as first-class values.
import functools

def apply(fn, *args):
    return fn(*args)
print(apply(max, 3, 9, 2))
print(apply(lambda: "zero"))
print(apply(str.upper, "abc"))

def twice(f):
    return lambda x: f(f(x))
print(twice(lambda n: n + 3)(1))
print(twice(twice(lambda n: n * 2))(1))

print(functools.reduce(lambda a, b: a * b, range(1, 7)))
print(functools.reduce(lambda a, b: a + b, ["x", "y", "z"], ">"))
try:
    functools.reduce(lambda a, b: a + b, [])
except TypeError as e:
    print("TypeError:", e)

p = functools.partial(int, base=2)
print(p("1010"), p("111"))
p2 = functools.partial(pow, 2)
print(p2(10), p2(3, 5))
print(p.args, p.keywords, p2.args)

def pipeline(*fns):
    def run(v):
        for fn in fns:
            v = fn(v)
        return v
    return run
print(pipeline(str, len, lambda n: n * 10)(12345))
print(pipeline()(7))

table = [abs, str, bool, len]
print([fn(-0) if fn is not len else fn("ab") for fn in table])

def curry3(f):
    return lambda a: lambda b: lambda c: f(a, b, c)
print(curry3(lambda a, b, c: a * 100 + b * 10 + c)(1)(2)(3))

print(list(map(pow, [2, 3, 4], [3, 2, 1])))
print(list(map(lambda a, b: a + b, "abc", "xyz")))
print(sorted(["bb", "a", "ccc"], key=len, reverse=True))
print(max(["apple", "fig", "banana"], key=len))
print(min([(1, "b"), (1, "a")], key=lambda t: t[1]))

def counter_factory():
    funcs = {}
    def reg(name):
        def deco(f):
            funcs[name] = f
            return f
        return deco
    return funcs, reg
funcs, reg = counter_factory()
@reg("double")
def d(x): return 2 * x
@reg("neg")
def n(x): return -x
print(sorted(funcs), [funcs[k](4) for k in sorted(funcs)])

print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(any(map(lambda x: x > 3, [1, 2, 5])), all(map(bool, [1, 0])))

import operator
print(list(map(operator.itemgetter(1), [(1, 2), (3, 4)])))
print(sorted([{"k": 2}, {"k": 1}], key=operator.itemgetter("k")))
print(operator.attrgetter("real")(3 + 4j))
print(operator.methodcaller("split", ",")("a,b,c"))
