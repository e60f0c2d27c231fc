# types.coroutine flags a generator function's code ITERABLE_COROUTINE
# (code.replace(co_flags=...)): its generators can then be awaited.
import types


@types.coroutine
def ticks(n):
    for i in range(n):
        got = yield ('tick', i)
        if got:
            print('sent', got)
    return n * 10


async def main():
    r = await ticks(3)
    print('ticks returned', r)
    return r + 1


def plain(n):
    yield n


c = main()
out = []
try:
    v = c.send(None)
    while True:
        out.append(v)
        v = c.send('x' if v[1] == 1 else None)
except StopIteration as e:
    print('main returned', e.value)
print(out)
print(bool(ticks.__code__.co_flags & 0x100), bool(plain.__code__.co_flags & 0x100))


async def await_plain():
    await plain(1)


try:
    await_plain().send(None)
except TypeError as e:
    print('TypeError', e)
