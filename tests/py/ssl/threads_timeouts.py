# TLS sockets and threads: a thread blocked reading one connection does not
# hold up another connection, nor a write on its own connection from
# another thread; timeouts and non-blocking reads.
import socket
import ssl
import threading

TEST = "/usr/lib/python3.11/test/"
server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(TEST + "keycert3.pem")
client_ctx = ssl.create_default_context(cafile=TEST + "pycacert.pem")


def pair():
    a, b = socket.socketpair()
    box = []
    t = threading.Thread(target=lambda: box.append(server_ctx.wrap_socket(a, server_side=True)))
    t.start()
    c = client_ctx.wrap_socket(b, server_hostname="localhost")
    t.join()
    return box[0], c


# Two connections: a reader blocked on X while Y is used by this thread.
sx, cx = pair()
sy, cy = pair()
got = []
reader = threading.Thread(target=lambda: got.append(cx.recv(100)))
reader.start()
cy.sendall(b"on y")
print("server y got", sy.recv(100))
sy.sendall(b"reply y")
print("client y got", cy.recv(100))
sx.sendall(b"finally x")
reader.join()
print("reader on x got", got)

# One connection: a thread blocked reading while another writes on it.
got = []
reader = threading.Thread(target=lambda: got.append(cx.recv(100)))
reader.start()
cx.sendall(b"ping")
data = sx.recv(100)
print("server x got", data)
sx.sendall(data.upper())
reader.join()
print("reader got", got)

# Timeouts and non-blocking reads.
cx.settimeout(0.2)
try:
    cx.recv(10)
except TimeoutError as e:
    print(type(e).__name__, e, isinstance(e, socket.timeout))
cx.setblocking(False)
try:
    cx.recv(10)
except ssl.SSLWantReadError as e:
    print(type(e).__name__, e.args[0], e.library, e.reason)
cx.setblocking(True)
sx.sendall(b"after")
print(cx.recv(10))

# Many connections in parallel threads, each echoing its own data.
results = {}


def worker(i):
    s, c = pair()
    for j in range(20):
        c.sendall(b"%d:%d;" % (i, j))
        s.sendall(s.recv(100).upper())
        assert c.recv(100) == (b"%d:%d;" % (i, j)).upper()
    results[i] = "ok"
    c.close()
    s.close()


ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results.items()))
for s in (sx, cx, sy, cy):
    s.close()
print("done")
