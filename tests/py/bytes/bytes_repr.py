# repr of bytes and bytearray
samples = [b"", b"abc", b"'", b'"', b"'\"", b"\x00\x01\x7f\x80\xff", b"\t\n\r", b"\\", b"\x0b\x0c", b" ~", bytes(range(30, 40))]
for b in samples:
    print(repr(b), str(b), len(b), repr(bytearray(b)))
print(list(b"abc"), tuple(b"\x00\xff"), [bytes([c]) for c in b"hi"])
print(bytes(range(256)))
print(repr(bytearray(b"it's")), repr(bytearray(b'"q"')))
print(str(b"x", "ascii"), b"x".decode(), ascii(b"\xff"), f"{b'fmt'}", "%s|%r" % (b"a", b"b"), "{}".format(b"c"))
class B(bytes):
    pass
print(repr(B(b"sub")), B(b"sub") == b"sub", type(B(b"sub")[0:2]).__name__)
