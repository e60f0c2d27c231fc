# Async generators driven manually.
class Tick:
    def __init__(self, tag):
        self.tag = tag
    def __await__(self):
        yield self.tag

async def agen(n):
    try:
        for i in range(n):
            await Tick(f"tick{i}")
            received = yield i
            if received is not None:
                print("  agen received", received)
    finally:
        print("  agen finally")

def run(aw):
    ticks = []
    while True:
        try:
            ticks.append(aw.send(None))
        except StopIteration as e:
            return e.value, ticks

ag = agen(3)
print(type(ag).__name__)
print(run(ag.__anext__()))
print(run(ag.asend("hello")))
print(run(ag.__anext__()))
try:
    run(ag.__anext__())
except StopAsyncIteration:
    print("StopAsyncIteration")

ag2 = agen(5)
run(ag2.__anext__())
try:
    run(ag2.athrow(ValueError("thrown")))
except ValueError as e:
    print("ValueError:", e)

ag3 = agen(5)
run(ag3.__anext__())
print(run(ag3.aclose()))

async def consumer():
    total = []
    async for v in agen(4):
        total.append(v)
    return total
print(run(consumer()))

async def early_break():
    g = agen(10)
    async for v in g:
        if v == 1:
            break
    await g.aclose()
    return v
print(run(early_break()))

async def comp():
    return [x * 10 async for x in agen(3)]
print(run(comp()))

async def gen_return_only():
    if False:
        yield
print(type(gen_return_only()).__name__)
try:
    run(gen_return_only().__anext__())
except StopAsyncIteration:
    print("empty async generator")

async def recovers():
    try:
        yield 1
    except KeyError:
        yield "recovered from KeyError"
r = recovers()
run(r.__anext__())
print(run(r.athrow(KeyError)))
print(agen.__name__, agen(1).__qualname__)
