# A value yielded deep in a `yield from` chain passes up through the
# delegating frames, which resume later exactly as they were: their locals,
# the values under the delegation on their stacks, and what they do after
# the sub-generator returns or raises.
import sys


def leaf(tag, n):
    got = []
    for i in range(n):
        sent = yield (tag, i)
        got.append(sent)
    return got


def middle(tag, n):
    before = [tag] * 2
    # The list below stays on the stack under the delegation.
    pair = [before, (yield from leaf(tag + "/leaf", n))]
    after = len(pair[1])
    seen = yield ("middle-after", tag, after, before)
    return (tag, pair, seen)


def top(n):
    acc = []
    for k in range(2):
        r = yield from middle("m%d" % k, n)
        acc.append(r)
    yield ("frames", [f for f in acc])
    return "top-done"


g = top(3)
out = [next(g)]
counter = 0
while True:
    counter += 1
    try:
        out.append(g.send(counter))
    except StopIteration as e:
        out.append(("return", e.value))
        break
for item in out:
    print(item)


# The delegating frames' locals, seen from the innermost generator while
# the chain runs, and through gi_frame while it is suspended.
def inner_peek():
    f = sys._getframe(1)
    yield sorted(k for k in f.f_locals if not k.startswith("_"))
    yield f.f_locals["mark"]


def outer_peek():
    mark = "outer"
    yield from inner_peek()
    mark = "changed"
    yield mark


g = outer_peek()
print(next(g))
print(g.gi_frame.f_locals["mark"], g.gi_yieldfrom is not None)
print(next(g))
print(next(g), g.gi_yieldfrom)


# A deep chain built by recursion: many pass-throughs, then each level
# continues with its own state after its sub-generator ends.
def depth(n):
    here = [n]
    if n:
        sub = yield from depth(n - 1)
        here.append(sub)
    for j in range(2):
        yield (n, j)
    return sum(here[:1]) + (here[1] if len(here) > 1 else 0)


g = depth(40)
vals = list(g)
print(len(vals), vals[:3], vals[-3:])

g = depth(40)
for _ in range(5):
    next(g)
try:
    while True:
        next(g)
except StopIteration as e:
    print("total", e.value)


# An exception thrown into the chain is handled by a delegating frame,
# which then goes on with its locals as they were.
def catcher(name):
    local = name * 2
    try:
        yield from leaf(name, 5)
    except KeyError as e:
        yield ("caught", local, e.args)
    yield ("after", local)


g = catcher("c")
print(next(g), next(g))
print(g.throw(KeyError("k")))
print(next(g))
try:
    next(g)
except StopIteration:
    print("stopped")


# The same chain stepped from two consumers in turn.
def chain_a():
    x = "a"
    yield from chain_b(x)
    yield x + "!"


def chain_b(x):
    y = x + "b"
    yield y
    yield y + y


g1, g2 = chain_a(), chain_a()
print([next(g1), next(g2), next(g1), next(g2), next(g1), next(g2)])


# A collection while the chain runs (the leaf calls gc.collect(), which
# empties the running generators' saved copies): the delegating frames
# still resume with their own values.
import gc


def collecting_leaf(n):
    for i in range(n):
        if i == 1:
            gc.collect()
        yield i


def keeper(depth):
    label = ["level", depth, object.__name__]
    if depth:
        total = yield from keeper(depth - 1)
    else:
        total = yield from collecting_leaf(3)
    yield (label, total)
    return depth


g = keeper(4)
print(list(g))
