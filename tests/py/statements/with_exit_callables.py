# Every kind of object a class may hold as __exit__/__aexit__, on the normal,
# exceptional, return, break and yield paths of `with` and `async with`.
import asyncio
import functools
import threading


def show(*args):
    print("exit got", [a.__name__ if isinstance(a, type) else a for a in args[:2]])
    return False


class Plain:
    def __enter__(self):
        return "plain"

    def __exit__(self, et, ev, tb):
        print("plain exit", et.__name__ if et else None)
        return et is KeyError


class Static:
    __enter__ = lambda self: "static"
    __exit__ = staticmethod(show)


class ClassExit:
    def __enter__(self):
        return "cls"

    @classmethod
    def __exit__(cls, et, ev, tb):
        print("classmethod exit", cls.__name__, et.__name__ if et else None)


class CallableExit:
    def __call__(self, *args):
        print("callable instance exit, args:", len(args))


class WithCallable:
    __enter__ = lambda self: "callable"
    __exit__ = CallableExit()


class WithPartial:
    __enter__ = lambda self: "partial"
    __exit__ = functools.partial(show, "first")


class WithBuiltin:
    # A bound builtin method: no descriptor, called with the three
    # arguments alone; its result (a non-empty str) suppresses.
    __enter__ = lambda self: "builtin"
    __exit__ = "{!r:.18} {!r:.5} {!r:.5}".format


class NoEnter:
    def __exit__(self, *a):
        pass


class NoExit:
    def __enter__(self):
        return self


for cm in (Plain(), Static(), ClassExit(), WithCallable(), WithPartial(), WithBuiltin()):
    with cm as v:
        print("body", v)
    try:
        with cm:
            raise KeyError("k")
    except KeyError:
        print(type(cm).__name__, "let KeyError through")
    else:
        print(type(cm).__name__, "suppressed KeyError")

for bad in (NoEnter(), NoExit(), 42):
    try:
        with bad:
            print("not reached")
    except TypeError as e:
        print("TypeError:", e)


def returns_through(cm):
    with cm:
        return "returned " + type(cm).__name__


def breaks_out(cm):
    for i in range(3):
        with cm:
            if i == 1:
                break
            continue
    return i


print(returns_through(Plain()), returns_through(threading.Lock()))
print(breaks_out(Static()), breaks_out(threading.RLock()))

lock = threading.Lock()
with lock:
    print("held inside:", lock.locked())
print("held after:", lock.locked())
try:
    with lock:
        1 / 0
except ZeroDivisionError:
    print("released after error:", not lock.locked())


def gen(cm):
    with cm:
        yield 1
        yield 2


g = gen(lock)
print(next(g), lock.locked())
print(next(g), lock.locked())
print(list(g), lock.locked())
g = gen(lock)
next(g)
g.close()
print("closed generator released:", not lock.locked())


class AsyncCM:
    async def __aenter__(self):
        return "aenter"

    async def __aexit__(self, et, ev, tb):
        print("aexit", et.__name__ if et else None)
        return et is ValueError


class AsyncStatic:
    async def __aenter__(self):
        return "astatic"

    @staticmethod
    async def __aexit__(*args):
        print("static aexit", len(args))


async def main():
    async with AsyncCM() as v:
        print(v)
    async with AsyncCM():
        raise ValueError("swallowed")
    async with AsyncStatic() as v:
        print(v)
    for i in range(2):
        async with AsyncCM():
            if i == 0:
                continue
            return "async returned"


print(asyncio.run(main()))
