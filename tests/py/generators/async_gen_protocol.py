# asend/athrow/aclose awaitables: results, reuse errors and closed generators.
async def g():
    yield 1

def run(aw):
    try:
        while True:
            aw.send(None)
    except StopIteration as e:
        return ("stop", e.value)
    except BaseException as e:
        return (type(e).__name__, str(e))

a = g()
print(run(a.__anext__()), run(a.__anext__()), run(a.__anext__()))
print(run(a.athrow(ValueError)), run(a.aclose()))
b = g()
print(run(b.aclose()), run(b.__anext__()))
c = g()
x = c.__anext__()
print(run(x), run(x))
d = g()
y = d.athrow(KeyError)
print(run(y), run(y))
print(type(c.__anext__()).__name__, type(c.athrow(ValueError)).__name__, type(c.aclose()).__name__)
print(c.ag_running, c.ag_code.co_name, c.ag_await)

async def h():
    try:
        yield 1
    except GeneratorExit:
        yield 2
e = h()
run(e.__anext__())
print(run(e.aclose()))
x = g().__anext__()
print(x.__await__() is x, hasattr(x, "__next__"), hasattr(g(), "send"))

class Tick:
    def __await__(self):
        yield "tick"

async def ticking():
    await Tick()
    v = yield "first"
    print("  got", v)
    await Tick()
    yield "second"

t = ticking()
aw = t.__anext__()
print(aw.send(None))
try:
    aw.send(None)
except StopIteration as s:
    print("yielded", s.value)
aw = t.asend("sent")
print(aw.send(None))
try:
    aw.send(None)
except StopIteration as s:
    print("yielded", s.value)
aw = t.athrow(RuntimeError("boom"))
try:
    aw.send(None)
except RuntimeError as err:
    print("RuntimeError", err)
print(run(t.__anext__()))

def gen():
    yield 1
gg = gen()
print(gg.gi_suspended, gg.gi_yieldfrom)
next(gg)
print(gg.gi_suspended)
def deleg():
    yield from gen()
dd = deleg()
next(dd)
print(type(dd.gi_yieldfrom).__name__)

class NotIter:
    def __await__(self):
        return 5
async def bad():
    await NotIter()
print(run(bad()))
