# Deep yield-from chains and for-loops over generators: values, send,
# return values, exceptions crossing levels, exc_info per level,
# gi_running / gi_yieldfrom / gi_frame while chained, PEP 479.
import sys
import traceback


def leaf(tag, n):
    got = []
    for i in range(n):
        x = yield (tag, i)
        got.append(x)
    return (tag, "done", got)


def middle(depth):
    if depth == 0:
        r = yield from leaf("leaf", 3)
        return r
    r = yield from middle(depth - 1)
    return ("mid", depth, r)


g = middle(4)
print(next(g))
print(g.send("a"))
print(g.send("b"))
try:
    g.send("c")
except StopIteration as e:
    print("stop", e.value)
print(g.gi_frame, g.gi_running, g.gi_yieldfrom)

# for over a generator that yields from generators
def walk(t):
    if t is None:
        return
    yield from walk(t[0])
    yield t[1]
    for x in walk(t[2]):
        yield x


def build(lo, hi):
    if lo >= hi:
        return None
    m = (lo + hi) // 2
    return (build(lo, m), m, build(m + 1, hi))


t = build(0, 40)
print(list(walk(t)) == list(range(40)))
print(sum(walk(t)), sum(x for x in walk(t)))
for i, x in enumerate(walk(t)):
    if i == 5:
        break
print("broke at", x)

# gi_running and gi_yieldfrom seen from inside a chain
def inspector():
    yield (outer_g.gi_running, inner_g.gi_running, outer_g.gi_yieldfrom is inner_g)


def inner():
    yield from inspector()


def outer():
    yield from inner_g


inner_g = inner()
outer_g = outer()
for v in outer_g:
    print("inside", v)
print("after", outer_g.gi_running, outer_g.gi_yieldfrom, inner_g.gi_frame)

# a generator suspended mid-chain: gi_yieldfrom at every level
a_g = middle(2)
next(a_g)
lvl = a_g
while lvl is not None:
    print(type(lvl).__name__, lvl.gi_frame.f_code.co_name, lvl.gi_frame.f_lineno)
    lvl = lvl.gi_yieldfrom
a_g.close()
print("closed", a_g.gi_frame)

# exceptions crossing levels, caught at various depths
def raiser(kind):
    yield 1
    raise kind("boom")


def catcher(kind, depth):
    if depth == 0:
        yield from raiser(kind)
        return
    try:
        yield from catcher(kind, depth - 1)
    except ValueError as e:
        yield ("caught at", depth, repr(e), sys.exc_info()[0].__name__)
        yield ("still", sys.exc_info()[0].__name__)
    yield ("after", depth, sys.exc_info())


print(list(catcher(ValueError, 3)))
try:
    for v in catcher(KeyError, 2):
        print(v)
except KeyError as e:
    print("KeyError out:", e)
    tb = traceback.extract_tb(e.__traceback__)
    print([f.name for f in tb])

# a for loop catching inside the loop body while the generator is live
def counted():
    try:
        yield 1
        yield 2
    finally:
        print("counted finally")


for v in counted():
    try:
        raise TypeError(v)
    except TypeError as e:
        print("body caught", e)

# exc_info inside generators resumed from a handler
def show():
    print("gen sees", sys.exc_info()[0])
    yield
    print("gen sees again", sys.exc_info()[0])
    try:
        raise IndexError
    except IndexError:
        yield
        print("gen in handler", sys.exc_info()[0])
    yield


def via():
    yield from show()


try:
    raise OSError
except OSError:
    for _ in via():
        print("loop sees", sys.exc_info()[0])
print("end sees", sys.exc_info()[0])

# PEP 479 through levels
def stops():
    yield 1
    raise StopIteration("x")


def over_stops():
    yield from stops()


try:
    for v in over_stops():
        print("v", v)
except RuntimeError as e:
    print("RuntimeError", e, repr(e.__cause__), e.__suppress_context__)
    print([f.name for f in traceback.extract_tb(e.__traceback__)])

# a generator driven by both for and next at once
def shared():
    for i in range(4):
        yield i


s = shared()
for v in s:
    print("for", v, "next", next(s, None))

# re-entering a running generator from a chained frame
def reenter():
    yield from reenter_inner()


def reenter_inner():
    try:
        next(re_g)
    except ValueError as e:
        yield str(e)


re_g = reenter()
print(list(re_g))

# throw and close into a chain suspended at depth
def closer(n):
    try:
        if n:
            r = yield from closer(n - 1)
            yield ("ret", n, r)
        else:
            x = yield "deep"
            return ("got", x)
    finally:
        print("closing", n)


c = closer(3)
print(next(c))
print(c.throw(GeneratorExit) if False else c.send("val"))
c.close()
c = closer(2)
next(c)
try:
    c.throw(ValueError("thrown"))
except ValueError as e:
    print("thrown out", e)
print(c.gi_frame)

# a long chain (deeper than a typical native stack would allow per level)
def chain(n):
    if n == 0:
        yield "bottom"
        return "r0"
    r = yield from chain(n - 1)
    return r + "+"


sys.setrecursionlimit(3000)
ch = chain(800)
print(next(ch))
try:
    next(ch)
except StopIteration as e:
    print(len(e.value))
try:
    list(chain(5000))
except RecursionError as e:
    print("RecursionError", e)
