# Timeouts as CPython implements them: poll then the call; TimeoutError is
# socket.timeout; timeout 0 is non-blocking (BlockingIOError).
import _socket as S
import time

print(S.timeout is TimeoutError, S.error is OSError)
print(issubclass(S.gaierror, OSError), issubclass(S.herror, OSError))
print(S.gaierror.__module__, S.herror.__name__)

a, b = S.socketpair()
for value in [None, 0, 0.5, 2, 1e-9]:
    a.settimeout(value)
    print(value, a.gettimeout(), a.timeout, a.getblocking())

a.settimeout(0.1)
t0 = time.monotonic()
try:
    a.recv(10)
except TimeoutError as e:
    print("recv:", type(e).__name__, e, time.monotonic() - t0 >= 0.09)

a.setblocking(False)
print(a.gettimeout(), a.getblocking())
try:
    a.recv(10)
except BlockingIOError as e:
    print("non-blocking:", type(e).__name__, e.errno == 11)
a.setblocking(True)
print(a.gettimeout(), a.getblocking())

# Data already there arrives even with a tiny timeout.
b.sendall(b"ready")
a.settimeout(0.01)
print(a.recv(10))

# sendall with a timeout: the peer never reads, the buffers fill up.
a.settimeout(0.2)
try:
    a.sendall(b"x" * (32 << 20))
except TimeoutError as e:
    print("sendall:", e)

# accept with a timeout.
srv = S.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
srv.settimeout(0.05)
try:
    srv._accept()
except TimeoutError as e:
    print("accept:", e)
srv.close()

# The default timeout applies to new sockets.
print(S.getdefaulttimeout())
S.setdefaulttimeout(1.5)
s = S.socket()
print(s.gettimeout(), s.getblocking())
s.close()
S.setdefaulttimeout(None)
s = S.socket(S.AF_INET, S.SOCK_STREAM | S.SOCK_NONBLOCK)
print(s.gettimeout(), s.type == S.SOCK_STREAM)
s.close()

for bad in [-1, -0.5, float("nan"), "1", 1e300]:
    try:
        a.settimeout(bad)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    S.setdefaulttimeout(-3)
except ValueError as e:
    print(type(e).__name__, e)
a.close()
b.close()
