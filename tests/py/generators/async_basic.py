# async def / await driven manually with coro.send(None).
class Suspend:
    def __init__(self, value):
        self.value = value
    def __await__(self):
        print("  suspending with", self.value)
        got = yield self.value
        print("  resumed with", got)
        return got * 2 if got is not None else "no value"

async def child(x):
    r = await Suspend(x)
    return ("child", r)

async def parent():
    a = await child(1)
    b = await child(2)
    return [a, b]

coro = parent()
print(type(coro).__name__)
print(coro.send(None))
print(coro.send(10))
try:
    coro.send(20)
except StopIteration as e:
    print("result:", e.value)

def run(c):
    value = None
    steps = 0
    while True:
        try:
            yielded = c.send(value)
        except StopIteration as e:
            return e.value, steps
        steps += 1
        value = yielded

print(run(parent()))

async def no_await():
    return "immediate"
c = no_await()
try:
    c.send(None)
except StopIteration as e:
    print("immediate result:", e.value)

async def add(a, b):
    return a + b
async def chain():
    total = 0
    for i in range(5):
        total = await add(total, i)
    return total
print(run(chain()))

async def raiser():
    await Suspend("r")
    raise ValueError("async failure")
async def catcher():
    try:
        await raiser()
    except ValueError as e:
        return "caught: " + str(e)
print(run(catcher()))

c = child(5)
c.send(None)
try:
    c.throw(KeyError("thrown in"))
except KeyError as e:
    print("KeyError:", e)

c2 = parent()
c2.send(None)
c2.close()
print("closed")

cc = add(1, 2)
print(hasattr(cc, "send"), hasattr(cc, "__await__"), hasattr(cc, "__next__"))
cc.close()
print(parent.__name__, parent.__qualname__)
