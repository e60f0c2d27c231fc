# AF_UNIX sockets in a temporary folder and in the abstract namespace.
import _socket as S
import os
import tempfile
import threading

d = tempfile.mkdtemp()
path = os.path.join(d, "sock")
srv = S.socket(S.AF_UNIX, S.SOCK_STREAM)
srv.bind(path)
srv.listen()
print(os.path.basename(srv.getsockname()), os.path.exists(path))


seen = []


def serve():
    fd, addr = srv._accept()
    c = S.socket(fileno=fd)
    seen.append(addr)
    while True:
        data = c.recv(100)
        if not data:
            break
        c.sendall(data.upper())
    c.close()


t = threading.Thread(target=serve)
t.start()
c = S.socket(S.AF_UNIX)
c.connect(path)
print(os.path.basename(c.getpeername()))
for word in [b"alpha", b"beta"]:
    c.sendall(word)
    print(c.recv(100))
c.close()
t.join()
print("client address", seen)
srv.close()
os.unlink(path)

# bytes paths work too.
bpath = os.fsencode(os.path.join(d, "bsock"))
s = S.socket(S.AF_UNIX, S.SOCK_DGRAM)
s.bind(bpath)
print(os.path.basename(s.getsockname()))
s.sendto(b"to myself", bpath)
data, addr = s.recvfrom(100)
print(data, os.path.basename(addr))
s.close()
os.unlink(bpath)
os.rmdir(d)

# The Linux abstract namespace: a leading NUL byte, no file.
name = b"\0protopy-test-" + str(os.getpid()).encode()
a = S.socket(S.AF_UNIX, S.SOCK_DGRAM)
a.bind(name)
got = a.getsockname()
print(type(got).__name__, got == name)
b = S.socket(S.AF_UNIX, S.SOCK_DGRAM)
b.sendto(b"abstract", name)
print(a.recv(100))
a.close()
b.close()

# Errors.
u = S.socket(S.AF_UNIX)
for arg in ["x" * 200, 5, ("a",)]:
    try:
        u.bind(arg)
    except (OSError, TypeError) as e:
        print(type(e).__name__, e)
try:
    u.connect("/nonexistent-dir-protopy/sock")
except OSError as e:
    print(type(e).__name__, e.errno)
print(repr(u.getsockname()))
u.close()
