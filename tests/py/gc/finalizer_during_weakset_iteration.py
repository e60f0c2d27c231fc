# An abandoned async generator is finalized by a collection that happens
# while the loop's WeakSet of async generators is being iterated: the
# iteration must not see the set change size.
import asyncio
import gc
import weakref

log = []


async def ticker(name):
    try:
        for i in range(10):
            yield i
    finally:
        log.append(f"{name} closed")


async def main():
    loop = asyncio.get_running_loop()
    kept = ticker("kept")
    print("kept first:", await anext(kept))
    # One abandoned generator: the iterating generator's own local holds
    # the item it yielded last, so with several, one would be finalized by
    # a later collection than the others, and asyncio's finalizer hook
    # (WeakSet.discard) would commit the others' pending removals under
    # the iteration -- in CPython as well, whose collector does the same.
    g = ticker("dropped")
    await anext(g)
    del g
    seen = 0
    for agen in loop._asyncgens:
        gc.collect()
        seen += 1
    print("iteration finished, saw at least one:", seen >= 1)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("kept still in set:", kept in loop._asyncgens)
    await kept.aclose()


asyncio.run(main())
print(sorted(log))
