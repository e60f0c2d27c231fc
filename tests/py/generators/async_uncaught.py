# An exception escaping a manually driven coroutine chain.
class Pause:
    def __await__(self):
        yield "paused"

async def fetch(key, table):
    await Pause()
    return table[key]

async def gather(keys):
    table = {"a": 1, "b": 2}
    results = []
    for k in keys:
        results.append(await fetch(k, table))
        print("fetched", k)
    return results

def drive(coro):
    while True:
        try:
            coro.send(None)
        except StopIteration as e:
            return e.value

print(drive(gather(["a", "b"])))
print(drive(gather(["b", "zzz", "a"])))
