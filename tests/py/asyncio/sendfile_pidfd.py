# os.sendfile and os.pidfd_open under asyncio: loop.sendfile over a socket
# pair takes the native path, and the pidfd child watcher reaps a child.
import asyncio
import os
import socket
import sys
import tempfile

print(hasattr(os, "sendfile"), hasattr(os, "pidfd_open"))

data = bytes(range(256)) * 40
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "payload.bin")
    with open(path, "wb") as f:
        f.write(data)

    # os.sendfile itself: explicit offset, then None (the file's position).
    r, w = os.pipe()
    fd = os.open(path, os.O_RDONLY)
    print(os.sendfile(w, fd, 250, 10), os.read(r, 100) == data[250:260])
    print(os.sendfile(w, fd, None, 4), os.read(r, 100) == data[:4], os.lseek(fd, 0, os.SEEK_CUR))
    try:
        os.sendfile(w, 12345, None, 1)
    except OSError as e:
        print(type(e).__name__, e.errno == 9)
    try:
        os.sendfile(out_fd=w, in_fd=fd, offset="x", count=1)
    except TypeError as e:
        print("TypeError")
    os.close(fd)
    os.close(r)
    os.close(w)

    async def send_over_socket():
        loop = asyncio.get_running_loop()
        a, b = socket.socketpair()
        a.setblocking(False)
        b.setblocking(False)
        with open(path, "rb") as f:
            sent = await loop.sock_sendfile(a, f, offset=100, count=3000)
            pos = f.tell()
        a.close()
        got = bytearray()
        while True:
            chunk = await loop.sock_recv(b, 65536)
            if not chunk:
                break
            got += chunk
        b.close()
        print("sock_sendfile", sent, pos, bytes(got) == data[100:3100])

    asyncio.run(send_over_socket())

# pidfd_open on our own process, then on an exited child.
pfd = os.pidfd_open(os.getpid())
print(pfd > 2, os.get_inheritable(pfd))
os.close(pfd)
try:
    os.pidfd_open(-3)
except OSError as e:
    print(type(e).__name__, e.errno == 22)


async def child():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; sys.exit(7)")
    print("child exit", await proc.wait())

asyncio.set_child_watcher(asyncio.PidfdChildWatcher())
asyncio.run(child())
