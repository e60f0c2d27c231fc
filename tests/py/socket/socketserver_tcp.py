# CPython's socketserver over _socket: a TCPServer with a stream handler,
# served by a thread, several clients through socket.create_connection.
import socket
import socketserver
import threading


class Upper(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            if line.strip() == b"quit":
                break
            self.wfile.write(line.upper())


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    allow_reuse_address = True
    daemon_threads = True


srv = Server(("127.0.0.1", 0), Upper)
host, port = srv.server_address
print(host, type(port).__name__)
t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
t.start()

replies = {}


def client(i):
    with socket.create_connection((host, port), timeout=10) as c:
        f = c.makefile("rwb")
        out = []
        for j in range(3):
            f.write(b"client %d line %d\n" % (i, j))
            f.flush()
            out.append(f.readline())
        f.write(b"quit\n")
        f.flush()
        f.close()
        replies[i] = out


cs = [threading.Thread(target=client, args=(i,)) for i in range(4)]
for c in cs:
    c.start()
for c in cs:
    c.join()
for i in sorted(replies):
    print(i, replies[i])
srv.shutdown()
srv.server_close()
t.join()

s = socket.socket()
print(repr(s.family), repr(s.type), s.proto)
print(str(socket.AF_INET), socket.SocketKind(socket.SOCK_DGRAM).name)
s.close()
print(repr(s).startswith("<socket.socket [closed] fd=-1"))
