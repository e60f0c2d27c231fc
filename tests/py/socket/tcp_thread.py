# A TCP server thread on 127.0.0.1 (port 0) with clients: 1 MB each way,
# several clients at once, addresses, connect_ex.
import _socket as S
import threading

srv = S.socket(S.AF_INET, S.SOCK_STREAM)
srv.setsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, 1)
print("reuseaddr", srv.getsockopt(S.SOL_SOCKET, S.SO_REUSEADDR) != 0)
srv.bind(("127.0.0.1", 0))
srv.listen(8)
host, port = srv.getsockname()
print(host, 0 < port < 65536)

N = 4
SIZE = 1 << 20
errors = []


def handle(fd, addr):
    c = S.socket(fileno=fd)
    try:
        got = bytearray()
        while len(got) < SIZE:
            chunk = c.recv(65536)
            if not chunk:
                break
            got += chunk
        # Reply with the checksum and the data reversed.
        c.sendall(str(sum(got) % 65521).encode() + b"\n")
        c.sendall(bytes(got[::-1]))
    except Exception as e:
        errors.append(e)
    finally:
        c.close()


def serve():
    workers = []
    for _ in range(N):
        fd, addr = srv._accept()
        if addr[0] != "127.0.0.1":
            errors.append(addr)
        t = threading.Thread(target=handle, args=(fd, addr))
        t.start()
        workers.append(t)
    for t in workers:
        t.join()


server = threading.Thread(target=serve)
server.start()

results = [None] * N


def client(i):
    c = S.socket()
    c.settimeout(30)
    c.connect(("127.0.0.1", port))
    peer = c.getpeername()
    data = bytes([(i * 7 + j) % 251 for j in range(251)]) * (SIZE // 251) + bytes(SIZE % 251)
    c.sendall(data)
    back = bytearray()
    while len(back) < SIZE + 20:
        chunk = c.recv(1 << 20)
        if not chunk:
            break
        back += chunk
    c.close()
    line, _, rest = bytes(back).partition(b"\n")
    results[i] = (peer == ("127.0.0.1", port), int(line) == sum(data) % 65521, rest == data[::-1])


clients = [threading.Thread(target=client, args=(i,)) for i in range(N)]
for t in clients:
    t.start()
for t in clients:
    t.join()
server.join()
srv.close()
for i, r in enumerate(results):
    print("client", i, r)
print("errors", errors)

# connect_ex reports the error number instead of raising.
probe = S.socket()
probe.bind(("127.0.0.1", 0))
free_port = probe.getsockname()[1]
probe.close()
c = S.socket()
print("connect_ex", c.connect_ex(("127.0.0.1", free_port)) == 111)
c.close()
