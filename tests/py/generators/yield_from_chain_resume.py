# Resuming a chain of `yield from` / `await` delegations: every level's
# frame is live while the innermost runs, values and exceptions cross
# each level, and a level that cannot be entered stops the descent.
import sys
import traceback


def leaf(tag, n):
    for i in range(n):
        got = yield f"{tag}{i}"
        if got is not None:
            print("leaf got", got)
    return f"{tag}-done"


def middle(tag, n):
    r = yield from leaf(tag, n)
    print("middle saw", r)
    return r.upper()


def top(n):
    r = yield from middle("a", n)
    print("top saw", r)
    r = yield from middle("b", 1)
    print("top saw", r)


print(list(top(2)))

# send() reaches the innermost generator through every level
g = top(3)
print(next(g))
print(g.send("x"))
print(g.send("y"))
print(g.send(None))
print(next(g, "end"))


# the caller frames of the innermost are the delegating generators
def stack_names():
    f = sys._getframe(1)
    names = []
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names


def deep():
    yield stack_names()


def mid2():
    yield from deep()


def outer2():
    yield from mid2()


for names in outer2():
    print(names[:4])


# every level is running while the innermost runs
def watcher():
    yield (a.gi_running, b.gi_running)


def wrap(x):
    yield from x


b = wrap(watcher())
a = wrap(b)
print(next(a))
print(a.gi_running, b.gi_running)


# re-entering a running level is refused
def reenter():
    try:
        next(outer_r)
    except ValueError as e:
        yield "refused: " + str(e)


outer_r = wrap(wrap(reenter()))
print(next(outer_r))


# an exception in the innermost crosses each level, with each in the traceback
def boom():
    yield 1
    raise KeyError("deep")


def lvl1():
    yield from boom()


def lvl2():
    try:
        yield from lvl1()
    except KeyError as e:
        print("lvl2 caught", repr(e))
        tb = traceback.extract_tb(e.__traceback__)
        print([fr.name for fr in tb])
        yield "recovered"


g = lvl2()
print(next(g))
print(next(g))
print(next(g, "finished"))


# a sub-generator exhausted from outside: the level goes on past it
inner = leaf("z", 2)
chain = wrap(inner)
print(next(chain))
print(list(inner))
print(next(chain, "chain ended"))

# a non-generator at the bottom of the chain
print(list(wrap(wrap(iter([1, 2, 3])))))
print(list(wrap(wrap(range(3)))))


# the exception a level is handling is seen by the innermost
def show_exc():
    yield repr(sys.exc_info()[1])
    yield repr(sys.exc_info()[1])


def handling():
    try:
        raise OSError("being handled")
    except OSError:
        yield from show_exc()
    yield repr(sys.exc_info()[1])


print(list(wrap(handling())))


# throw() and close() on the outermost reach the innermost
def catcher():
    while True:
        try:
            yield "waiting"
        except ValueError as e:
            print("catcher got", e)
        except GeneratorExit:
            print("catcher closing")
            raise


c = wrap(wrap(catcher()))
print(next(c))
print(c.throw(ValueError("thrown")))
c.close()
print(c.gi_frame)


# an await chain driven by send()
class Suspend:
    def __await__(self):
        v = yield "suspended"
        return v


async def a_leaf():
    got = await Suspend()
    return f"leaf:{got}"


async def a_mid():
    return "mid(" + await a_leaf() + ")"


async def a_top():
    return "top(" + await a_mid() + ")"


co = a_top()
print(co.send(None))
try:
    co.send("value")
except StopIteration as e:
    print("result", e.value)


# a long chain, resumed many times
def nest(depth):
    if depth == 0:
        yield from range(5)
    else:
        yield from nest(depth - 1)


print(sum(nest(200)), list(nest(50)))
