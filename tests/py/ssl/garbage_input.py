# Garbage where TLS records, certificates and CA data belong: every case is
# a Python exception (none crashes), with the messages CPython gives; the
# test suite's odd certificates (embedded NULs, all SAN kinds, IDNA) decode.
import ssl, os, socket, random
T='/usr/lib/python3.11/test/'
random.seed(1)
s_ctx=ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); s_ctx.load_cert_chain(T+'keycert3.pem')
c_ctx=ssl.create_default_context(cafile=T+'pycacert.pem')
import collections
n=collections.Counter()
for i in range(300):
    si,so=ssl.MemoryBIO(),ssl.MemoryBIO()
    s=s_ctx.wrap_bio(si,so,server_side=True)
    si.write(bytes(random.randrange(256) for _ in range(random.randrange(1,600))))
    if i%3==0: si.write_eof()
    try: s.do_handshake()
    except (ssl.SSLError, OSError, ValueError) as e: n[type(e).__name__ + " " + str(e.reason)]+=1
    for f in (s.getpeercert, s.cipher, s.version, s.shared_ciphers, s.pending, s.get_channel_binding, s._sslobj.get_verified_chain, s._sslobj.get_unverified_chain):
        try: f()
        except (ValueError, ssl.SSLError): pass
    try: s.read(10)
    except (ssl.SSLError, OSError, ValueError): pass
    try: s.write(b'x')
    except (ssl.SSLError, OSError, ValueError): pass
    try: s.unwrap()
    except (ssl.SSLError, OSError, ValueError): pass
for i in range(100):
    b=bytes(random.randrange(256) for _ in range(random.randrange(0,300)))
    try: c_ctx.load_verify_locations(cadata=b'\x30\x82'+b)
    except (ssl.SSLError, ValueError, TypeError): pass
    try: c_ctx.load_verify_locations(cadata=b.decode('latin-1'))
    except (ssl.SSLError, ValueError, TypeError): pass
import tempfile
GARBAGE = os.path.join(tempfile.mkdtemp(), 'garbage.pem')
open(GARBAGE,'wb').write(b'-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n')
for f in (GARBAGE, T+'nullbytecert.pem', T+'talos-2019-0758.pem', T+'allsans.pem', T+'idnsans.pem', T+'nokia.pem'):
    try: d=ssl._ssl._test_decode_cert(f); print(f.split('/')[-1], sorted(d)[:3], d.get('subjectAltName', ())[:4])
    except ssl.SSLError as e: print(f.split('/')[-1], 'SSLError', e)
sock=socket.socket(); sock.close()
try: c_ctx.wrap_socket(sock, server_hostname='x')
except Exception as e: print(type(e).__name__, e)
s=c_ctx.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname='localhost')
for f in (lambda: s.read(-1), lambda: s.read(5, bytearray(2)), lambda: s.write('x'), lambda: setattr(s,'context',3), lambda: setattr(s,'session',3)):
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
print("handshake failures", sorted(n.items()))
