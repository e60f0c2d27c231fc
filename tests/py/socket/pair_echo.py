# socketpair: echo, partial reads, recv_into, shutdown, dup/detach, closed sockets.
import _socket as S

a, b = S.socketpair()
print(type(a).__name__, a.family == S.AF_UNIX, a.type == S.SOCK_STREAM, a.proto)
print(a.gettimeout(), a.getblocking())

for msg in [b"hello", b"", b"x" * 1000, bytes(range(256))]:
    a.sendall(msg)
    got = b""
    while len(got) < len(msg):
        got += b.recv(4096)
    print(len(msg), got == msg)

n = a.send(bytearray(b"abcdef"))
print("send returned", n)
print(b.recv(2), b.recv(100))

a.sendall(memoryview(b"0123456789")[2:8])
buf = bytearray(10)
print(b.recv_into(buf, 4), bytes(buf))
view = memoryview(buf)[4:]
print(b.recv_into(view), bytes(buf))

# Echo the other way, then a clean end of stream.
b.sendall(b"pong")
print(a.recv(10))
b.shutdown(S.SHUT_WR)
print(a.recv(10))

# A duplicated descriptor is an independent socket object.
c = S.socket(fileno=S.dup(a.fileno()))
print(type(c).__name__, c.fileno() != a.fileno(), c.family == a.family)
a.close()
c.sendall(b"via dup")
print(b.recv(100))
c.close()
print(b.recv(100))

print(a.fileno())
a.close()  # closing twice is fine
for name, call in [
    ("recv", lambda: a.recv(1)),
    ("send", lambda: a.send(b"x")),
    ("getsockname", lambda: a.getsockname()),
    ("settimeout", lambda: a.settimeout(1)),
    ("shutdown", lambda: a.shutdown(S.SHUT_RDWR)),
]:
    try:
        call()
    except OSError as e:
        print(name, type(e).__name__, e.errno, e.strerror)

fd = b.detach()
print(b.fileno(), fd >= 0)
S.close(fd)
try:
    S.close(fd)
except OSError as e:
    print("close twice:", type(e).__name__, e.errno)

# A socket made from an existing descriptor learns family, type and proto.
x, y = S.socketpair(S.AF_UNIX, S.SOCK_DGRAM)
z = S.socket(fileno=S.dup(x.fileno()))
print(z.family == S.AF_UNIX, z.type == S.SOCK_DGRAM)
z.send(b"datagram one")
z.send(b"two")
print(y.recv(100), y.recv(100))
for s in (x, y, z):
    s.close()
print(repr(z) == "<socket object, fd=-1, family=%d, type=%d, proto=0>" % (S.AF_UNIX, S.SOCK_DGRAM))
