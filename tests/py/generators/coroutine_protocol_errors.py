# Coroutine protocol edge cases: the __await__ iterator, reuse errors,
# 'async with' / 'async for' messages, nested async comprehensions.
import types


def drive(coro):
    out = []
    try:
        while True:
            out.append(coro.send(None))
    except StopIteration as e:
        return out, e.value


async def ret(v):
    return v

c = ret(5)
aw = c.__await__()
print(type(aw).__name__, iter(aw) is aw, hasattr(aw, "__next__"))
try:
    aw.send(None)
except StopIteration as e:
    print("stop", e.value)
for step in ("send", "next", "throw"):
    try:
        if step == "send":
            aw.send(None)
        elif step == "next":
            next(aw)
        else:
            aw.throw(ValueError("x"))
    except RuntimeError as e:
        print(step, "RuntimeError:", e)
aw.close()
aw.close()
print("closed twice")


class Wrapper:
    def __init__(self, coro):
        self.coro = coro

    def __await__(self):
        return self.coro.__await__()


async def outer():
    return await Wrapper(ret("wrapped"))

print(drive(outer()))


@types.coroutine
def nop():
    yield "tick"


async def sleeper():
    await nop()

s = sleeper()
s.send(None)


async def waiter(co):
    await co

try:
    waiter(s).send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
s.close()


def plain_gen(co):
    yield from co

co = ret(1)
try:
    list(plain_gen(co))
except TypeError as e:
    print("TypeError:", e)
co.close()


class CM1:
    def __aenter__(self):
        return 1

    def __aexit__(self, *a):
        return 2


class CM2:
    async def __aenter__(self):
        return self

    def __aexit__(self, *a):
        return 3


class CM3:
    def __aenter__(self):
        pass


async def use(cm):
    async with cm():
        pass

for cm in (CM1, CM2, CM3):
    try:
        drive(use(cm))
    except TypeError as e:
        print("TypeError:", e)


class BadNext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return ()


class RaisingAwait:
    def __aiter__(self):
        return self

    def __anext__(self):
        return self

    def __await__(self):
        1 / 0


async def loop(it):
    async for _ in it:
        pass

for it in (BadNext(), RaisingAwait()):
    try:
        drive(loop(it))
    except TypeError as e:
        print("TypeError:", e, "| cause:", type(e.__cause__).__name__)


async def agen(n):
    for i in range(n):
        yield i


async def nested():
    a = [[i + j async for i in agen(2)] for j in (10, 20)]
    b = {j: {i async for i in agen(j)} for j in (1, 3)}
    return a, b

print(drive(nested()))

try:
    compile("def f():\n    return [[i async for i in a] for a in b]\n", "<s>", "exec")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
