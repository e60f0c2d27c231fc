# A TLS echo over loopback TCP: a server thread with the test suite's
# CA-signed certificate, a client verifying it; what each side sees of the
# connection, reads into buffers, partial reads, pending, unwrap.
import socket
import ssl
import threading

TEST = "/usr/lib/python3.11/test/"

server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(TEST + "keycert3.pem")
server_ctx.minimum_version = ssl.TLSVersion.TLSv1_3

client_ctx = ssl.create_default_context(cafile=TEST + "pycacert.pem")
print("client verify", client_ctx.verify_mode, client_ctx.check_hostname)
print("server verify", server_ctx.verify_mode, server_ctx.check_hostname)

listener = socket.create_server(("127.0.0.1", 0))
port = listener.getsockname()[1]
log = []


def serve():
    conn, _ = listener.accept()
    with server_ctx.wrap_socket(conn, server_side=True) as s:
        log.append(("server version", s.version()))
        log.append(("server peer cert", s.getpeercert()))
        while True:
            data = s.recv(1024)
            if not data:
                break
            s.sendall(data.upper())
        log.append(("server done", True))


t = threading.Thread(target=serve)
t.start()

with socket.create_connection(("127.0.0.1", port)) as raw:
    with client_ctx.wrap_socket(raw, server_hostname="localhost") as s:
        print("version", s.version())
        name, proto, bits = s.cipher()
        print("cipher proto", proto, "bits", bits)
        print("compression", s.compression())
        print("alpn", s.selected_alpn_protocol())
        print("server_side", s.server_side, "hostname", s.server_hostname)
        cert = s.getpeercert()
        for k in sorted(cert):
            print(" ", k, cert[k])
        der = s.getpeercert(binary_form=True)
        print("der is bytes", type(der).__name__, len(der) > 500)
        pem = ssl.DER_cert_to_PEM_cert(der)
        print("pem round trip", ssl.PEM_cert_to_DER_cert(pem) == der)
        s.sendall(b"hello tls")
        print("echo", s.recv(100))
        s.sendall(b"abcdefghij")
        first = s.recv(4)
        print("partial", first, "pending", s.pending())
        buf = bytearray(20)
        n = s.recv_into(buf)
        print("recv_into", n, bytes(buf[:n]))
        s.sendall(b"x" * 50000)
        got = b""
        while len(got) < 50000:
            got += s.recv(65536)
        print("bulk", len(got), set(got))
        cb = s.get_channel_binding("tls-unique")
        print("channel binding", type(cb).__name__)
        try:
            s.get_channel_binding("tls-other")
        except ValueError as e:
            print("ValueError", e)
        plain = s.unwrap()
        print("unwrapped", type(plain).__name__)
        plain.close()

t.join()
listener.close()
for k, v in log:
    print(k, v)
