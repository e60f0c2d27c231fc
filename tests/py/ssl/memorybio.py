# Two SSLObjects over MemoryBIOs (no sockets): the handshake is pumped by
# hand, then data both ways, want-read errors, EOF and unwrap.
import ssl

TEST = "/usr/lib/python3.11/test/"

server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(TEST + "keycert3.pem")
client_ctx = ssl.create_default_context(cafile=TEST + "pycacert.pem")

c_in, c_out = ssl.MemoryBIO(), ssl.MemoryBIO()
s_in, s_out = ssl.MemoryBIO(), ssl.MemoryBIO()
client = client_ctx.wrap_bio(c_in, c_out, server_hostname="localhost")
server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
print(type(client).__name__, client.server_side, server.server_side, client.server_hostname)
print("before handshake", client.version(), client.cipher())
try:
    client.getpeercert()
except ValueError as e:
    print("ValueError", e)


def pump():
    moved = 0
    while True:
        a = c_out.read()
        if a:
            s_in.write(a)
        b = s_out.read()
        if b:
            c_in.write(b)
        if not a and not b:
            return moved
        moved += len(a) + len(b)


steps = []
done = {"c": False, "s": False}
for i in range(10):
    for name, obj in (("c", client), ("s", server)):
        if done[name]:
            continue
        try:
            obj.do_handshake()
            done[name] = True
            steps.append(name + " done")
        except ssl.SSLWantReadError as e:
            steps.append(name + " want read")
    pump()
    if all(done.values()):
        break
print(steps)
print("versions", client.version(), server.version())
print("peer subject", client.getpeercert()["subject"])
print("server sees client cert", server.getpeercert())

try:
    server.read(10)
except ssl.SSLWantReadError as e:
    print(type(e).__name__, e.args[0], e)

print("write", client.write(b"ping over memory"))
pump()
print("server read", server.read(4), server.pending(), server.read())
server.write(b"pong")
pump()
buf = bytearray(10)
print("client read_into", client.read(10, buf), bytes(buf))
print("bio state", c_in.pending, c_in.eof, c_out.pending)

c_in.write_eof()
print("after write_eof", c_in.eof)
try:
    c_in.write(b"x")
except ssl.SSLError as e:
    print(type(e).__name__, e)

bio = ssl.MemoryBIO()
bio.write(b"abcdef")
print(bio.read(2), bio.pending, bio.read(), bio.read(), bio.eof)
bio.write_eof()
print(bio.eof)
try:
    bio.write("text")
except TypeError as e:
    print("TypeError", e)
