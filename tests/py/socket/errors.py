# Errors and conversions: refused connections, bad families and addresses,
# port ranges, byte order, address text forms, numeric name resolution.
import _socket as S


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "=", repr(r))


probe = S.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
c = S.socket()
try:
    c.connect(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print("refused:", type(e).__name__, e.errno, e.strerror)
c.close()

s = S.socket()
show("bind str", lambda: s.bind("127.0.0.1"))
show("bind 1-tuple", lambda: s.bind(("127.0.0.1",)))
show("bind 3-tuple", lambda: s.bind(("127.0.0.1", 1, 2)))
show("port too big", lambda: s.bind(("127.0.0.1", 70000)))
show("port negative", lambda: s.connect(("127.0.0.1", -1)))
show("port str", lambda: s.bind(("127.0.0.1", "80")))
show("host int", lambda: s.bind((1, 80)))
show("host nul", lambda: s.bind(("a\0b", 80)))
show("sendto arity", lambda: s.sendto(b"x"))
show("send str", lambda: s.send("text"))
show("recv negative", lambda: s.recv(-1))
show("recv_into bytes", lambda: s.recv_into(b"abc"))
show("recv_into short", lambda: s.recv_into(bytearray(3), 5))
show("getsockopt buflen", lambda: s.getsockopt(S.SOL_SOCKET, S.SO_TYPE, 5000))
show("getsockopt SO_TYPE", lambda: s.getsockopt(S.SOL_SOCKET, S.SO_TYPE))
show("setsockopt str", lambda: s.setsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, "x"))
show("not connected", lambda: s.getpeername())
s.close()

show("bad family", lambda: S.socket(12345))
show("bad type", lambda: S.socket(S.AF_INET, 999))
show("family str", lambda: S.socket("x"))
show("negative fileno", lambda: S.socket(fileno=-5))
six = S.socket(S.AF_INET6)
show("inet6 flowinfo", lambda: six.bind(("::1", 0, 1 << 21)))
show("inet6 1-tuple", lambda: six.bind(("::1",)))
show("inet6 str", lambda: six.bind("::1"))
six.close()

show("htons", lambda: S.htons(1))
show("ntohs", lambda: S.ntohs(0x1234))
show("htonl", lambda: S.htonl(1))
show("ntohl", lambda: S.ntohl(0x12345678))
show("htons big", lambda: S.htons(1 << 16))
show("htons neg", lambda: S.htons(-1))
show("htonl big", lambda: S.htonl(1 << 32))
show("htonl float", lambda: S.htonl(1.5))

show("aton", lambda: S.inet_aton("192.168.1.2"))
show("aton short", lambda: S.inet_aton("127.1"))
show("aton hex", lambda: S.inet_aton("0x7f.0.0.1"))
show("aton bad", lambda: S.inet_aton("x"))
show("ntoa", lambda: S.inet_ntoa(b"\x7f\x00\x00\x01"))
show("ntoa bad", lambda: S.inet_ntoa(b"abc"))
show("pton4", lambda: S.inet_pton(S.AF_INET, "10.0.0.255"))
show("pton4 bad", lambda: S.inet_pton(S.AF_INET, "1.2"))
show("pton6", lambda: S.inet_pton(S.AF_INET6, "fe80::1"))
show("pton6 bad", lambda: S.inet_pton(S.AF_INET6, "::g"))
show("pton family", lambda: S.inet_pton(99, "1.2.3.4"))
show("ntop6", lambda: S.inet_ntop(S.AF_INET6, bytes(range(16))))
show("ntop6 zeros", lambda: S.inet_ntop(S.AF_INET6, bytes(16)))
show("ntop6 mapped", lambda: S.inet_ntop(S.AF_INET6, bytes(10) + b"\xff\xff\x01\x02\x03\x04"))
show("ntop6 run", lambda: S.inet_ntop(S.AF_INET6, S.inet_pton(S.AF_INET6, "1:0:0:2:0:0:0:3")))
show("ntop bad length", lambda: S.inet_ntop(S.AF_INET, b"ab"))

show("gai numeric", lambda: S.getaddrinfo("127.0.0.1", 80, S.AF_INET, S.SOCK_STREAM))
show("gai v6", lambda: S.getaddrinfo("::1", "443", S.AF_INET6, S.SOCK_DGRAM, 0, S.AI_NUMERICHOST))
show("gai passive", lambda: S.getaddrinfo(None, 0, S.AF_INET, S.SOCK_STREAM, 0, S.AI_PASSIVE))
show("gai bad port", lambda: S.getaddrinfo("127.0.0.1", 1.5))
show("gai bad host", lambda: S.getaddrinfo("not a host", None, 0, 0, 0, S.AI_NUMERICHOST))
show("nameinfo", lambda: S.getnameinfo(("127.0.0.1", 80), S.NI_NUMERICHOST | S.NI_NUMERICSERV))
show("nameinfo bad", lambda: S.getnameinfo("x", 0))
show("nameinfo short", lambda: S.getnameinfo(("127.0.0.1",), 0))
show("byname numeric", lambda: S.gethostbyname("10.1.2.3"))
show("CMSG_LEN", lambda: S.CMSG_LEN(4))
show("CMSG_SPACE", lambda: S.CMSG_SPACE(4))
show("CMSG_LEN neg", lambda: S.CMSG_LEN(-1))
show("lo index", lambda: S.if_indextoname(S.if_nametoindex("lo")))
show("no such if", lambda: S.if_nametoindex("nosuchif0"))
show("hostname", lambda: type(S.gethostname()).__name__)
print(S.has_ipv6, S.SocketType is S.socket, S.socket.__module__)
print(S.AF_INET, S.AF_INET6, S.AF_UNIX, S.SOCK_STREAM, S.SOCK_DGRAM, S.SOL_SOCKET, S.SO_REUSEADDR)
print(S.IPPROTO_TCP, S.TCP_NODELAY, S.MSG_PEEK, S.SHUT_RDWR, S.AI_PASSIVE, S.NI_NUMERICHOST, S.EAI_NONAME)
