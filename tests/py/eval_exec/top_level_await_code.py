# Code compiled with PyCF_ALLOW_TOP_LEVEL_AWAIT is a coroutine: eval
# returns the coroutine instead of running the code.
import ast
import asyncio


async def numbers(n):
    for i in range(n):
        yield i


sources = [
    "result = await asyncio.sleep(0, result=5)",
    "result = [x * 2 async for x in numbers(4)]",
    "async for i in numbers(3):\n    result = i\n",
    "for k in range(3):\n    result = await asyncio.sleep(0, result=k * 10)\n",
]
for src in sources:
    for mode in ("exec", "single"):
        try:
            compile(src, "<tla>", mode)
        except SyntaxError as e:
            print("plain:", type(e).__name__, e.msg)
        co = compile(src, "<tla>", mode, flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        print(mode, "coroutine flag:", bool(co.co_flags & 0x80))
        ns = {"asyncio": asyncio, "numbers": numbers}
        coro = eval(co, ns)
        print(type(coro).__name__, "result" in ns)
        asyncio.run(coro)
        print(ns["result"])

co = compile("x = 1", "<tla>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
print("no await:", bool(co.co_flags & 0x80))
ns = {}
print(eval(co, ns), ns["x"])
