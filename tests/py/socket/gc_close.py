# Sockets dropped without close() are closed when collected; running out
# of descriptors collects them first.
import _socket as S
import gc
import os


def leak():
    s = S.socket()
    return s.fileno()


fd = leak()
gc.collect()
try:
    os.fstat(fd)
    print("still open")
except OSError as e:
    print("collected socket closed its fd:", type(e).__name__, e.errno)

# Many unclosed sockets in a row: the collector keeps up.
for i in range(3000):
    a, b = S.socketpair()
    a.sendall(b"x")
    if b.recv(1) != b"x":
        print("bad data at", i)
        break
print("3000 unclosed socket pairs done")
