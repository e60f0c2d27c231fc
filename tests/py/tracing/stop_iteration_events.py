# The `exception` events CPython 3.11 reports for a StopIteration that ends an
# `await`, a `yield from`, an `async for` step or a `for` loop while tracing,
# and the line events of `except*` blocks and of assignment targets written
# over several lines.
import sys

BASE = 0


def show(frame, event, arg):
    if frame.f_code.co_filename != __file__:
        return show
    extra = ""
    if event == "exception":
        extra = f" {arg[0].__name__}{arg[1].args!r}"
    print(f"  {frame.f_code.co_name}:{frame.f_lineno - BASE} {event}{extra}")
    return show


def traced(title, fn, *args):
    print(title)
    sys.settrace(show)
    try:
        r = fn(*args)
    except Exception as e:
        r = f"raised {type(e).__name__}: {e}"
    finally:
        sys.settrace(None)
    print("  ->", r)


def drive(coro, sends=()):
    sends = list(sends)
    value = None
    try:
        while True:
            coro.send(value)
            value = sends.pop(0) if sends else None
    except StopIteration as e:
        return e.value


async def add_one(x):
    return x + 1


async def nothing():
    pass


async def awaits():
    a = await add_one(1)
    await nothing()
    return a


def returns(v):
    yield "item"
    return v


def delegates():
    r1 = yield from returns(5)
    r2 = yield from returns(None)
    r3 = yield from iter([1, 2])
    r4 = yield from (x for x in "ab")
    return (r1, r2, r3, r4)


def delegate_sent():
    r = yield from returns(None)
    return r


class Awaitable:
    def __init__(self, v):
        self.v = v

    def __await__(self):
        yield from ()
        return self.v


async def awaits_custom():
    a = await Awaitable(3)
    b = await Awaitable(None)
    return a, b


async def agen():
    yield 1
    yield 2


async def async_for():
    out = []
    async for x in agen():
        out.append(x)
    return out


class Counter:
    def __init__(self, n, value=None):
        self.i = 0
        self.n = n
        self.value = value

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i > self.n:
            raise StopIteration(self.value)
        return self.i


def for_loops():
    t = []
    for x in returns(7):
        t.append(x)
    for x in returns(None):
        t.append(x)
    for x in Counter(1, 9):
        t.append(x)
    for x in Counter(1):
        t.append(x)
    for x in [1]:
        t.append(x)
    t.append(list(returns(8)))
    t.append([y for y in returns(6)])
    return t


traced("await", drive, awaits())
traced("yield from", lambda: list(delegates()))


def send_into():
    g = delegate_sent()
    next(g)
    try:
        g.send("x")
    except StopIteration as e:
        return e.value


traced("yield from, sent a value", send_into)
traced("__await__ generators", drive, awaits_custom())
traced("async for", drive, async_for())
traced("for loops", for_loops)


def raising(frame, event, arg):
    if event == "exception" and arg[0] is StopIteration:
        raise KeyError("from the tracer")
    return raising


def tracer_raises():
    sys.settrace(raising)
    try:
        return drive(awaits())
    except KeyError as e:
        return f"KeyError {e}"
    finally:
        sys.settrace(None)


print("a trace function raising at the StopIteration:", tracer_raises())


def star_caught():
    try:
        raise ValueError(1)
    except* ValueError:
        pass
    else:
        print("not here")
    finally:
        done = True
    return done


def star_not_caught():
    try:
        try:
            raise KeyError(2)
        except* TypeError:
            pass
        except* OSError as e:
            print("not here", e)
    except KeyError:
        return "outer"


def star_nested():
    try:
        try:
            raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
        except* TypeError as e:
            n = len(e.exceptions)
        except* ValueError:
            raise
    except* ValueError as e:
        try:
            raise OSError(3)
        except* OSError:
            n += 1
    return n


def long_targets():
    (a,
     b,
     *c) = range(5)
    [d,
     e] = "xy"
    with open(__file__) as (
            f):
        pass
    return a, b, c, d, e, f.closed


BASE = star_caught.__code__.co_firstlineno
traced("except*", star_caught)
BASE = star_not_caught.__code__.co_firstlineno
traced("except*, not caught", star_not_caught)
BASE = star_nested.__code__.co_firstlineno
traced("except*, nested", star_nested)
BASE = long_targets.__code__.co_firstlineno
traced("targets over several lines", long_targets)
