# An async generator dropped while suspended inside a running event loop:
# the loop's finalizer hook schedules its aclose(), so its finally block
# runs on the loop (after a collection finds it unreachable).
import asyncio
import gc
import sys

log = []


async def resource(name):
    log.append(f"{name} open")
    try:
        while True:
            yield name
            await asyncio.sleep(0)
    finally:
        await asyncio.sleep(0)
        log.append(f"{name} closed in {type(asyncio.current_task()).__name__}")


async def take_one(name):
    g = resource(name)
    return await anext(g)


async def main():
    hooks = sys.get_asyncgen_hooks()
    loop = asyncio.get_running_loop()
    print("loop installed its hooks:", hooks.firstiter == loop._asyncgen_firstiter_hook,
          hooks.finalizer == loop._asyncgen_finalizer_hook)
    print(await take_one("a"), await take_one("b"))
    gc.collect()
    for _ in range(5):
        await asyncio.sleep(0)
    print(sorted(log))


asyncio.run(main())
print("hooks restored:", sys.get_asyncgen_hooks())
