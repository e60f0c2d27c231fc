# UDP on the loopback interface: sendto/recvfrom, recvfrom_into, connected
# datagram sockets, message boundaries.
import _socket as S

r = S.socket(S.AF_INET, S.SOCK_DGRAM)
r.bind(("127.0.0.1", 0))
raddr = r.getsockname()
w = S.socket(S.AF_INET, S.SOCK_DGRAM)
w.bind(("127.0.0.1", 0))
waddr = w.getsockname()

for msg in [b"one", b"", b"three" * 100]:
    print(w.sendto(msg, raddr))
for _ in range(3):
    data, addr = r.recvfrom(1000)
    print(len(data), data[:10], addr == waddr)

# Datagrams keep their boundaries; a short buffer truncates.
w.sendto(b"abcdefgh", raddr)
print(r.recv(3))

w.sendto(b"into the buffer", 0, raddr)
buf = bytearray(32)
n, addr = r.recvfrom_into(buf)
print(n, bytes(buf[:n]), addr == waddr)

# connect() fixes the peer: send/recv without addresses.
w.connect(raddr)
print(w.getpeername() == raddr)
w.send(b"connected")
print(r.recvfrom(100)[0])
r.sendto(b"reply", waddr)
print(w.recv(100))

# MSG_PEEK leaves the datagram queued.
w.send(b"peek")
print(r.recv(100, S.MSG_PEEK), r.recv(100))

# IPv6 loopback when the kernel has it.
try:
    six = S.socket(S.AF_INET6, S.SOCK_DGRAM)
    six.bind(("::1", 0))
except OSError:
    print("no ipv6")
else:
    a6 = six.getsockname()
    print(a6[0], len(a6), a6[2:])
    six.sendto(b"v6", a6)
    data, addr = six.recvfrom(10)
    print(data, addr == a6)
    six.close()
for s in (r, w):
    s.close()
