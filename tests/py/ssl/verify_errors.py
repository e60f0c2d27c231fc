# Certificate verification failures and configuration errors: exception
# types, messages (CPython's, with OpenSSL's library and reason) and the
# verify_code/verify_message attributes.
import socket
import ssl
import threading

TEST = "/usr/lib/python3.11/test/"


def handshake(client_ctx, server_hostname, server_cert=TEST + "keycert3.pem"):
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(server_cert)
    a, b = socket.socketpair()
    out = []

    def serve():
        try:
            with server_ctx.wrap_socket(a, server_side=True) as s:
                out.append("server ok " + str(s.recv(10)))
        except OSError as e:
            out.append("server %s %s" % (type(e).__name__, e))

    t = threading.Thread(target=serve)
    t.start()
    try:
        with client_ctx.wrap_socket(b, server_hostname=server_hostname) as s:
            s.sendall(b"hi")
            print("client ok", s.version())
    except ssl.SSLCertVerificationError as e:
        print(type(e).__name__, isinstance(e, ValueError), isinstance(e, OSError))
        print("  str:", e)
        print("  args:", e.args)
        print("  library:", e.library, "reason:", e.reason)
        print("  verify:", e.verify_code, e.verify_message)
        print("  errno:", e.errno, "strerror:", e.strerror)
    b.close()
    t.join()
    for line in out:
        print(" ", line)


print("-- unknown CA")
handshake(ssl.create_default_context(cafile=TEST + "keycert.pem"), "localhost")
print("-- hostname mismatch")
handshake(ssl.create_default_context(cafile=TEST + "pycacert.pem"), "example.org")
print("-- IP address mismatch")
handshake(ssl.create_default_context(cafile=TEST + "pycacert.pem"), "127.0.0.1")
print("-- good")
handshake(ssl.create_default_context(cafile=TEST + "pycacert.pem"), "localhost")
print("-- no verification")
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
handshake(ctx, None)

print("-- configuration errors")
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def attempt(what, f):
    try:
        r = f()
        print(what, "->", r)
    except Exception as e:
        print(what, "->", type(e).__name__, e)


attempt("verify_mode NONE with check_hostname", lambda: setattr(ctx, "verify_mode", ssl.CERT_NONE))
attempt("verify_mode 7", lambda: setattr(ctx, "verify_mode", 7))
attempt("set_ciphers", lambda: ctx.set_ciphers("NO-SUCH-CIPHER"))
attempt("missing cert file", lambda: ctx.load_cert_chain(TEST + "no-such-file.pem"))
attempt("empty cert file", lambda: ctx.load_cert_chain(TEST + "nullcert.pem"))
attempt("bad cadata str", lambda: ctx.load_verify_locations(cadata="not a cert"))
attempt("bad cadata bytes", lambda: ctx.load_verify_locations(cadata=b"\x30\x03abc"))
attempt("cadata type", lambda: ctx.load_verify_locations(cadata=3))
attempt("nothing", lambda: ctx.load_verify_locations())
attempt("stats", lambda: ctx.cert_store_stats())
attempt("load CA", lambda: ctx.load_verify_locations(TEST + "pycacert.pem"))
attempt("stats", lambda: ctx.cert_store_stats())
attempt("ca subjects", lambda: [c["subject"] for c in ctx.get_ca_certs()])
attempt("min version", lambda: setattr(ctx, "minimum_version", 12345))
attempt("ecdh", lambda: ctx.set_ecdh_curve("no-such-curve"))
attempt("empty hostname", lambda: ctx.wrap_socket(socket.socket(), server_hostname=""))
attempt("NUL hostname", lambda: ctx.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="a\x00b"))
attempt("empty bio hostname", lambda: ctx.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname=""))
attempt("no hostname", lambda: ctx.wrap_socket(socket.socket()))
attempt("bad password", lambda: ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(
    TEST + "keycert.passwd.pem", password="wrong") )
attempt("good password", lambda: ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(
    TEST + "keycert.passwd.pem", password=lambda: "somepass"))
attempt("password type", lambda: ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(
    TEST + "keycert.passwd.pem", password=3))
attempt("txt2obj", lambda: ssl._ssl.txt2obj("1.3.6.1.5.5.7.3.1"))
attempt("Purpose", lambda: ssl.Purpose.SERVER_AUTH)
attempt("bad oid", lambda: ssl._ssl.txt2obj("serverAuth"))
attempt("nid2obj", lambda: ssl._ssl.nid2obj(13))
attempt("RAND_bytes", lambda: len(ssl.RAND_bytes(16)))
attempt("RAND_bytes -1", lambda: ssl.RAND_bytes(-1))
attempt("RAND_status", lambda: ssl.RAND_status())
attempt("decode cert", lambda: sorted(ssl._ssl._test_decode_cert(TEST + "keycert3.pem").items()))
