# asyncio over TLS on loopback: start_server(ssl=...) and
# open_connection(ssl=...), several clients, a line protocol, the peer
# certificate seen through the transport, and a client that fails to
# verify the server.
import asyncio
import ssl

TEST = "/usr/lib/python3.11/test/"

server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(TEST + "keycert3.pem")
client_ctx = ssl.create_default_context(cafile=TEST + "pycacert.pem")


async def handle(reader, writer):
    sslobj = writer.get_extra_info("ssl_object")
    version = sslobj.version()
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(b"%s %s" % (version.encode(), line.upper()))
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, name):
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", port, ssl=client_ctx, server_hostname="localhost")
    cert = writer.get_extra_info("peercert")
    out = [name, dict(x[0] for x in cert["subject"])["commonName"]]
    for word in (b"alpha", b"beta"):
        writer.write(b"%s-%s\n" % (name.encode(), word))
        await writer.drain()
        out.append((await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    return out


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    results = await asyncio.gather(*(client(port, "c%d" % i) for i in range(3)))
    for r in results:
        print(r)
    bad_ctx = ssl.create_default_context(cafile=TEST + "keycert.pem")
    try:
        await asyncio.open_connection("127.0.0.1", port, ssl=bad_ctx,
                                      server_hostname="localhost")
    except ssl.SSLCertVerificationError as e:
        print("client failed:", e.verify_message)
    server.close()
    await server.wait_closed()


asyncio.run(main())
print("done")
