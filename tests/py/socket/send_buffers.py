# socket.send/sendall from bytes, bytearray (local and reachable from a
# global), memoryview and array; argument errors in CPython's order.
import array
import socket

a, b = socket.socketpair()
keep = {"ba": bytearray(b"global-bytearray")}


def recv_exact(n):
    out = b""
    while len(out) < n:
        out += b.recv(n - len(out))
    return out


for data in [b"bytes", bytearray(b"local-bytearray"), keep["ba"],
             memoryview(b"0123456789")[2:7], array.array("B", b"arr")]:
    n = a.send(data)
    print(type(data).__name__, n, recv_exact(n))

big = bytearray(range(256)) * 4000
a.setblocking(True)
sent = 0
got = bytearray()
while sent < len(big):
    n = a.send(big[sent:sent + 65536])
    sent += n
    got += recv_exact(n)
print("chunks", sent, got == big)

a.sendall(bytearray(b"all of it"))
print("sendall", recv_exact(9))
a.sendall(memoryview(b"view")[1:])
print("sendall view", recv_exact(3))

for args in [("text",), (b"x", "flags"), ("text", "flags"), (None,), ()]:
    try:
        a.send(*args)
    except TypeError as e:
        print("send", args, "TypeError", e)
    try:
        a.sendall(*args)
    except TypeError as e:
        print("sendall", args, "TypeError", e)
a.close()
try:
    a.send(b"closed")
except OSError as e:
    print("closed", type(e).__name__, e.errno)
b.close()
