# asyncio streams on loopback (an echo server with several clients,
# readline/readexactly/readuntil, EOF errors) and subprocesses (pipes,
# return codes, communicate, a missing program).
import asyncio
import sys


async def handle(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, i):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    out = []
    for j in range(3):
        writer.write(f"client {i} line {j}\n".encode())
        await writer.drain()
        out.append((await reader.readline()).decode().strip())
    writer.write_eof()
    rest = await reader.read()
    writer.close()
    await writer.wait_closed()
    return out, rest


async def streams():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        results = await asyncio.gather(*(client(port, i) for i in range(5)))
        for out, rest in results[:2]:
            print(out, rest)
        print("clients:", len(results), all(len(o) == 3 for o, _ in results))

        async def raw(reader, writer):
            writer.write(b"abc;defgh")
            writer.write_eof()
            await writer.drain()
            writer.close()

        srv2 = await asyncio.start_server(raw, "127.0.0.1", 0)
        p2 = srv2.sockets[0].getsockname()[1]
        r, w = await asyncio.open_connection("127.0.0.1", p2)
        print(await r.readuntil(b";"), await r.readexactly(2))
        try:
            await r.readexactly(10)
        except asyncio.IncompleteReadError as e:
            print("IncompleteReadError", e.partial, e.expected)
        print("at_eof:", r.at_eof())
        w.close()
        await w.wait_closed()
        srv2.close()
        await srv2.wait_closed()
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError as e:
        print("ConnectionRefusedError", e.errno is not None)


async def subprocesses():
    p = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; data = sys.stdin.read(); print(data[::-1]); sys.exit(3)",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, err = await p.communicate(b"hello")
    print("exec:", out, err, p.returncode)
    p = await asyncio.create_subprocess_shell(
        "echo one; echo two >&2", stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await p.communicate()
    print("shell:", out, err, await p.wait())
    p = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import time; time.sleep(10)")
    p.terminate()
    print("terminated:", await p.wait())
    try:
        await asyncio.create_subprocess_exec("/nonexistent/program")
    except FileNotFoundError as e:
        print("FileNotFoundError", e.filename)


asyncio.run(streams())
asyncio.run(subprocesses())
