# aiter() and anext() driven by hand (no event loop)
class AIt:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i


async def agen():
    yield 'a'
    yield 'b'


def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value
    raise RuntimeError('suspended')


async def main():
    out = []
    it = aiter(AIt(2))
    out.append(await anext(it))
    out.append(await anext(it))
    out.append(await anext(it, 'done'))
    try:
        await anext(it)
    except StopAsyncIteration:
        out.append('stop')
    g = agen()
    out.append(aiter(g) is g)
    out.append(await anext(g))
    out.append(await anext(g, None))
    out.append(await anext(g, 'end'))
    return out


print(run(main()))
for e in ['aiter()', 'aiter(5)', 'aiter(1, 2)', 'anext()', 'anext(5)', 'anext(1, 2, 3)', 'aiter([])']:
    try:
        print(e, eval(e))
    except TypeError as x:
        print(e, 'TypeError:', x)


class Bad:
    def __aiter__(self):
        return 5


try:
    aiter(Bad())
except TypeError as x:
    print('TypeError:', x)
