# recv/recvfrom/recv_into/recvfrom_into asked for far more than arrives:
# exactly the bytes sent come back, never stale or zero filler.
import socket

a, b = socket.socketpair()
for size in (1, 7, 4096, 70000):
    payload = bytes((i * 31 + size) % 256 for i in range(size))
    a.sendall(payload)
    got = b""
    while len(got) < size:
        chunk = b.recv(1 << 18)
        got += chunk
    print("recv", size, got == payload, len(got))

a.sendall(b"hello")
buf = bytearray(b"x" * 16)
n = b.recv_into(buf, 0)
print("recv_into", n, bytes(buf))
a.sendall(b"abc")
mv = memoryview(bytearray(8))
n = b.recv_into(mv[2:], 4)
print("recv_into view", n, bytes(mv.obj))
a.close()
print("eof", b.recv(1 << 18))
b.close()

u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.bind(("127.0.0.1", 0))
u2.sendto(b"datagram-one", u1.getsockname())
data, addr = u1.recvfrom(1 << 18)
print("recvfrom", data, addr == u2.getsockname())
u2.sendto(b"two", u1.getsockname())
buf = bytearray(10)
n, addr = u1.recvfrom_into(buf, 0)
print("recvfrom_into", n, bytes(buf), addr == u2.getsockname())
u2.sendto(b"truncated-datagram", u1.getsockname())
print("short", u1.recv(5))
u1.close()
u2.close()
