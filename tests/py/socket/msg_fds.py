# sendmsg/recvmsg: scatter/gather buffers, SCM_RIGHTS descriptor passing
# over an AF_UNIX pair, recvmsg_into, the CMSG sizes.
import _socket as S
import os
import struct

a, b = S.socketpair()
print(a.sendmsg([b"gather ", bytearray(b"these "), memoryview(b"parts")]))
data, anc, flags, addr = b.recvmsg(100)
print(data, anc, flags, repr(addr))

# Pass a pipe's read end through the socket.
r, w = os.pipe()
fds = struct.pack("i", r)
print(a.sendmsg([b"fd"], [(S.SOL_SOCKET, S.SCM_RIGHTS, fds)]))
os.close(r)
data, anc, flags, addr = b.recvmsg(10, S.CMSG_SPACE(len(fds)))
print(data, len(anc), flags)
level, kind, payload = anc[0]
print(level == S.SOL_SOCKET, kind == S.SCM_RIGHTS, len(payload))
got = struct.unpack("i", payload)
os.write(w, b"through the passed fd")
print(os.read(got[0], 100))
os.close(got[0])
os.close(w)

# Too small a control buffer truncates (MSG_CTRUNC).
r, w = os.pipe()
a.sendmsg([b"x"], [(S.SOL_SOCKET, S.SCM_RIGHTS, struct.pack("2i", r, w))])
data, anc, flags, addr = b.recvmsg(10, S.CMSG_LEN(0))
print(data, anc, bool(flags & S.MSG_CTRUNC))
os.close(r)
os.close(w)

a.sendmsg([b"0123456789"])
b1, b2 = bytearray(4), bytearray(10)
n, anc, flags, addr = b.recvmsg_into([b1, memoryview(b2)])
print(n, bytes(b1), bytes(b2), anc)

for bad in [lambda: b.recvmsg(-1), lambda: b.recvmsg(1, -1), lambda: a.sendmsg(5),
            lambda: a.sendmsg([b"x"], [(1, 2)]), lambda: a.sendmsg(["str"])]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(S.CMSG_LEN(0), S.CMSG_SPACE(0), S.CMSG_SPACE(8))
a.close()
b.close()
