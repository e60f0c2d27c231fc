# async for and async with driven manually.
class Tick:
    def __await__(self):
        yield "tick"

class Counter:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        print("  __aiter__")
        return self
    async def __anext__(self):
        if self.i >= self.n:
            print("  raising StopAsyncIteration")
            raise StopAsyncIteration
        await Tick()
        self.i += 1
        return self.i * 10

class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    async def __aenter__(self):
        print("  enter", self.name)
        await Tick()
        return self.name.upper()
    async def __aexit__(self, et, ev, tb):
        print("  exit", self.name, et.__name__ if et else None)
        await Tick()
        return self.suppress

def run(coro):
    ticks = 0
    while True:
        try:
            coro.send(None)
            ticks += 1
        except StopIteration as e:
            return e.value, ticks

async def use_for():
    out = []
    async for v in Counter(3):
        out.append(v)
    return out
print(run(use_for()))

async def use_with():
    async with Resource("db") as r:
        print("  inside with", r)
    return "with done"
print(run(use_with()))

async def with_error():
    try:
        async with Resource("file"):
            raise ValueError("boom")
    except ValueError as e:
        return "propagated " + str(e)
print(run(with_error()))

async def suppressed():
    async with Resource("quiet", suppress=True):
        raise KeyError("hidden")
    return "suppressed ok"
print(run(suppressed()))

async def multi():
    async with Resource("a") as a, Resource("b") as b:
        return a + b
print(run(multi()))

async def for_else():
    async for v in Counter(2):
        if v > 100:
            break
    else:
        return "else ran"
print(run(for_else()))

async def for_break():
    async for v in Counter(5):
        if v == 20:
            break
    return v
print(run(for_break()))

async def comprehension():
    return [v async for v in Counter(3) if v != 20]
print(run(comprehension()))

async def agen():
    for i in range(3):
        await Tick()
        yield i * i
async def consume_agen():
    return [x async for x in agen()]
print(run(consume_agen()))

async def bad_for():
    async for x in [1, 2]:
        pass
try:
    run(bad_for())
except TypeError as e:
    print("TypeError:", e)

async def bad_with():
    async with Resource:
        pass
try:
    run(bad_with())
except (TypeError, AttributeError) as e:
    print(type(e).__name__ + ":", e)
