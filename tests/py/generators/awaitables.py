# Awaitable objects and errors when awaiting non-awaitables.
class Future:
    def __init__(self):
        self.result = None
        self.done = False
    def __await__(self):
        if not self.done:
            yield self
        return self.result

async def waiter(fut, label):
    print("  waiting", label)
    v = await fut
    print("  woke", label, v)
    return v

f = Future()
c = waiter(f, "A")
pending = c.send(None)
print(pending is f)
f.result, f.done = "payload", True
try:
    c.send(None)
except StopIteration as e:
    print("done with", e.value)

f2 = Future()
f2.done, f2.result = True, 7
c2 = waiter(f2, "B")
try:
    c2.send(None)
except StopIteration as e:
    print("no suspension:", e.value)

async def await_int():
    await 5
try:
    await_int().send(None)
except TypeError as e:
    print("TypeError:", e)

class BadAwait:
    def __await__(self):
        return 5
async def await_bad():
    await BadAwait()
try:
    await_bad().send(None)
except TypeError as e:
    print("TypeError:", e)

class GenAwait:
    def __await__(self):
        return iter(["x", "y"])
async def await_iter():
    return await GenAwait()
ai = await_iter()
print(ai.send(None), ai.send(None))
try:
    ai.send(None)
except StopIteration as e:
    print("iterator await result:", e.value)

async def inner():
    return "inner value"
async def await_twice():
    co = inner()
    a = await co
    try:
        await co
    except RuntimeError as e:
        return a, str(e)
try:
    await_twice().send(None)
except StopIteration as e:
    print(e.value)

def plain_gen():
    yield "from plain gen"
async def await_gen():
    await plain_gen()
try:
    await_gen().send(None)
except TypeError as e:
    print("TypeError:", e)

class Legacy:
    def __await__(self):
        got = yield "legacy yield"
        return got
async def uses_legacy():
    return await Legacy()
ul = uses_legacy()
print(ul.send(None))
try:
    ul.send("sent in")
except StopIteration as e:
    print("legacy result:", e.value)

c3 = inner()
try:
    c3.send("not none")
except TypeError as e:
    print("TypeError:", e)
c3.close()

c4 = inner()
try:
    c4.send(None)
except StopIteration:
    pass
try:
    c4.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
