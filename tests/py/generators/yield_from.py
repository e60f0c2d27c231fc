# yield from delegation and return values.
def inner():
    yield 1
    yield 2
    return "inner result"

def outer():
    result = yield from inner()
    print("  inner returned", result)
    yield result
    r2 = yield from [10, 20]
    print("  list delegation returns", r2)
    r3 = yield from range(2)
    return "outer done"

print(list(outer()))
g = outer()
for v in g:
    print("got", v)

def gen_return():
    yield "a"
    return 42
g = gen_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)

def chain(*its):
    for it in its:
        yield from it
print(list(chain("ab", [1, 2], (x * x for x in range(3)), {"k": 1})))

def tree(node):
    if isinstance(node, list):
        for child in node:
            yield from tree(child)
    else:
        yield node
print(list(tree([1, [2, [3, [4]], 5], [[6]]])))

def echo():
    while True:
        got = yield
        if got is None:
            return "echo stopped"
        print("  echo got", got)

def delegator():
    res = yield from echo()
    print("  delegator got", res)
    yield "final"

d = delegator()
next(d)
d.send("one")
d.send("two")
print(d.send(None))

def returns_none():
    yield 1
def uses():
    x = yield from returns_none()
    yield x
print(list(uses()))

def depth(n):
    if n == 0:
        return 0
    r = yield from depth(n - 1)
    yield n
    return r + n
def top():
    total = yield from depth(4)
    yield ("total", total)
print(list(top()))

try:
    def bad():
        yield from 5
    list(bad())
except TypeError as e:
    print("TypeError:", e)

def gen_of_gen():
    yield (yield from (i for i in range(2)))
print(list(gen_of_gen()))

class Iterable:
    def __iter__(self):
        return iter("xyz")
def from_custom():
    yield from Iterable()
print(list(from_custom()))
