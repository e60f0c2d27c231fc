# Class creation and dict copies follow an OrderedDict's own order; class
# names are checked; items views compare by membership; deletable
# attributes of functions and generators; descriptor reprs.
import collections

od = collections.OrderedDict([("a", 1), ("b", 2)])
od.move_to_end("a")
print(list(dict(od).items()))
C = type("C", (), od)
print([k for k in C.__dict__ if k in "ab"])


class Rev(dict):
    def keys(self):
        return reversed(list(dict.keys(self)))
    __iter__ = keys


print(list(dict(Rev([(1, 1), (2, 2), (3, 3)])).items()))

for bad in ("A\x00B", "A\udcdcB", b"A"):
    try:
        type(bad, (), {})
    except (ValueError, UnicodeEncodeError, TypeError) as e:
        print(type(e).__name__)
    try:
        C.__name__ = bad
    except (ValueError, UnicodeEncodeError, TypeError) as e:
        print(type(e).__name__, C.__name__)
try:
    type("Q", (), {"__qualname__": b"x"})
except TypeError as e:
    print("TypeError", e)
try:
    type("D", (), {"__doc__": "x\udcdcy"})
except UnicodeEncodeError:
    print("UnicodeEncodeError")
print(type("D", (), {"__doc__": 42}).__doc__)


class Boom:
    def __eq__(self, other):
        raise RuntimeError("eq")


d1, d2 = {1: Boom()}, {1: Boom()}
for op in ("==", "!=", "<=", ">="):
    try:
        eval("d1.items() %s d2.items()" % op)
    except RuntimeError as e:
        print(op, "RuntimeError", e)
print({1: 2}.items() == {1: 2}.items(), {1: 2}.keys() < {1: 2, 3: 4}.keys(),
      {1: [2]}.items() <= {1: [2], 3: [4]}.items(), {1: 2}.keys() != {1}, {1: 2}.keys() >= {1: 3}.keys())


def f():
    "doc"


del f.__doc__
print(f.__doc__)


def gen():
    yield 1


g = gen()
for name in ("__name__", "__qualname__"):
    try:
        delattr(g, name)
    except TypeError as e:
        print("TypeError", e)


async def coro():
    try:
        await Awaitable()
    except GeneratorExit:
        await Awaitable()


class Awaitable:
    def __await__(self):
        yield


c = coro()
c.send(None)
try:
    c.close()
except RuntimeError as e:
    print("RuntimeError", e)


def plain(x):
    return x


print(repr(classmethod(plain)).split(" at ")[0], repr(staticmethod(plain)).split(" at ")[0])


class Suggest:
    blucha = None
    bluc = None


import contextlib
import io
import sys

for obj in (Suggest(), None):
    try:
        if obj is None:
            raise AttributeError()
        obj.bluch
    except AttributeError:
        buf = io.StringIO()
        with contextlib.redirect_stderr(buf):
            sys.__excepthook__(*sys.exc_info())
        print(buf.getvalue().strip().splitlines()[-1])


class Hook:
    blech = None

    def __getattr__(self, attr):
        raise AttributeError()


try:
    Hook().bluch
except AttributeError as e:
    print(e.name, type(e).__name__, type(e.obj).__name__)
    buf = io.StringIO()
    with contextlib.redirect_stderr(buf):
        sys.__excepthook__(*sys.exc_info())
    print(buf.getvalue().strip().splitlines()[-1])
