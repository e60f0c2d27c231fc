# constructing bytes and bytearray
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes(b"abc"), bytes(bytearray(b"xy")), bytes(range(5)))
print(bytes("héllo", "utf-8"), bytes("abc", encoding="ascii"), bytes("é", "latin-1"), bytes((x for x in [104, 105])))
print(bytearray(), bytearray(2), bytearray([0, 255]), bytearray(b"ab"), bytearray("xyz", "ascii"), bytearray(range(65, 70)))
print(bytes(memoryview(b"mv")), bytearray(memoryview(b"mv2")))
print(b"", b"plain", b'single', b"""triple""", rb"raw\n", Rb"\x00", b"\x00\xff\t\n\r\\\'\"")
print(bytes.fromhex("de ad be ef"), bytearray.fromhex("00ff"), bytes.fromhex(""), bytes.fromhex(" 0a 0B "))
class Idx:
    def __index__(self):
        return 4
print(bytes(Idx()), bytes([Idx(), Idx()]))
class HasBytes:
    def __bytes__(self):
        return b"custom"
print(bytes(HasBytes()))
errors = [
    lambda: bytes([256]), lambda: bytes([-1]), lambda: bytes("abc"), lambda: bytes(-1), lambda: bytes(1.5),
    lambda: bytes(["a"]), lambda: bytes("é", "ascii"), lambda: bytes(b"x", "utf-8"), lambda: bytearray([300]),
    lambda: bytes.fromhex("abc"), lambda: bytes.fromhex("zz"), lambda: bytes(None), lambda: bytes([1.0]),
    lambda: bytes("x", "no-codec"),
]
for f in errors:
    try:
        print(f())
    except (TypeError, ValueError, LookupError) as e:
        print(type(e).__name__, e)
print(type(b""), type(bytearray()), bytes is type(b"x"), isinstance(bytearray(), bytes))
