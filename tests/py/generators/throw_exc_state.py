# sys.exc_info() and __context__ inside a generator that an exception was
# thrown into, when the thrower is handling that same exception: while the
# generator's handler runs it sees that exception; once its handler ended it
# sees whatever its resumer is handling.
import sys


def cur():
    return repr(sys.exc_info()[1])


def plain():
    try:
        yield 1
    except KeyError:
        yield "in handler: " + cur()
    yield "after: " + cur()


def handled_then_yield():
    try:
        yield 1
    except KeyError:
        pass
    yield "handled: " + cur()
    yield "later: " + cur()


def named():
    try:
        yield 1
    except KeyError as e:
        yield "named: " + cur()
        try:
            raise ValueError("inner")
        except ValueError as v:
            yield "inner context: " + repr(v.__context__)
        yield "back: " + cur()
    yield "after: " + cur()


def in_try_body():
    try:
        yield 1
        yield "try body: " + cur()
    except KeyError:
        yield "never"


def drive(make, first):
    g = make()
    next(g)
    out = []
    try:
        raise KeyError(first)
    except KeyError as e:
        out.append(g.throw(e))
    for label in ("x", "y", None):
        try:
            if label:
                raise KeyError(label)
            out.append(next(g))
        except KeyError:
            try:
                out.append(next(g))
            except StopIteration:
                out.append("stop")
        except StopIteration:
            out.append("stop")
        except KeyError as e:
            out.append("raised " + repr(e))
    print(make.__name__, out)


for f in (plain, handled_then_yield, named, in_try_body):
    try:
        drive(f, "thrown")
    except KeyError as e:
        print(f.__name__, "escaped", repr(e), repr(e.__context__))


# The same with a coroutine driven by a pure-Python trampoline, as
# pure-Python asyncio's Task does (it throws the exception it handles).
class Susp:
    def __await__(self):
        yield "susp"


async def coro():
    try:
        await Susp()
    except KeyError:
        await Susp()
        r1 = cur()
    else:
        r1 = None
    await Susp()
    return r1, cur()


c = coro()
c.send(None)
try:
    raise KeyError("k")
except KeyError as e:
    c.throw(e)
c.send(None)
try:
    c.send(None)
except StopIteration as s:
    print("coroutine", s.value)
print("outside", cur())
