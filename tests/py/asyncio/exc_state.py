# sys.exc_info() across suspension: a generator or coroutine suspended in an
# except block keeps its exception to itself and gets it back on resume;
# the caller's handled exception is untouched; origin tracking of coroutines.
import asyncio
import sys


def name(info):
    return info[0].__name__ if info[0] else None


def gen():
    try:
        raise ValueError("in gen")
    except ValueError:
        yield name(sys.exc_info())
        yield name(sys.exc_info())


g = gen()
print("inside:", next(g), "outside:", name(sys.exc_info()))
try:
    raise TypeError("outer")
except TypeError:
    print("inside again:", next(g), "outside keeps:", name(sys.exc_info()))
print("finally:", name(sys.exc_info()))


class Suspend:
    def __await__(self):
        yield "suspended"


async def coro():
    try:
        raise KeyError("k")
    except KeyError:
        await Suspend()
        return name(sys.exc_info())


c = coro()
print(c.send(None), name(sys.exc_info()))
try:
    c.send(None)
except StopIteration as e:
    print("coroutine result:", e.value)


async def main():
    async def failing():
        try:
            raise OSError("io")
        except OSError:
            await asyncio.sleep(0)
            return name(sys.exc_info())

    t = asyncio.create_task(failing())
    await asyncio.sleep(0)
    print("main while task suspended in except:", name(sys.exc_info()))
    print("task saw:", await t)


asyncio.run(main())

print("origin depth:", sys.get_coroutine_origin_tracking_depth())
sys.set_coroutine_origin_tracking_depth(2)


def make():
    return coro()


c = make()
print("cr_origin:", [(f.rsplit("/", 1)[-1], line, fn) for f, line, fn in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
c = make()
print("untracked:", c.cr_origin)
c.close()
try:
    sys.set_coroutine_origin_tracking_depth(-1)
except ValueError as e:
    print("ValueError", e)


# throw() argument checks (generators, coroutines, async generators).
def two():
    yield 1
    yield 2


async def agen():
    yield 1


class Odd(Exception):
    def __new__(cls, *a):
        return 42


for args in [(Exception, Exception("elephant"), 32), (Exception("elephant"), Exception("x")),
             (ValueError, None, None), (list,), (ValueError, 5), (ValueError, ("a", "b")),
             (KeyError("k"), None, None), (Odd,)]:
    it = two()
    next(it)
    try:
        it.throw(*args)
    except BaseException as e:
        print("throw", type(e).__name__, e)
    try:
        agen().athrow(*args)
        print("athrow accepted")
    except BaseException as e:
        print("athrow", type(e).__name__, e)


# A task cancelled while awaiting cleans up with another await inside its
# except block, then re-raises with a bare raise.
async def cleanup_then_reraise():
    try:
        await asyncio.sleep(10)
    except BaseException:
        await asyncio.sleep(0)
        raise


async def cancel_it():
    t = asyncio.create_task(cleanup_then_reraise())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("bare raise after an await in except: CancelledError")


asyncio.run(cancel_it())
